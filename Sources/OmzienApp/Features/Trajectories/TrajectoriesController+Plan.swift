import Foundation
import Hummingbird
import OmzienCore

/// Measuring, the network map and the plan of a trajectory.
extension TrajectoriesController {
    // MARK: Measurement

    @Sendable func addMeasurement(_ request: Request, context: StaffRequestContext) async throws -> Response {
        let (trajectory, person) = try await load(context)
        let form = try await request.form()
        let version = DJGVersion(rawValue: form["version"]) ?? .eleven
        let phase = Int(form["section"]).flatMap(Phase.init(rawValue:)) ?? .listen
        var answers: [Int: DJGAnswer?] = [:]
        for item in version.items { answers[item] = .some(DJGAnswer(rawValue: form["q\(item)"])) }
        let score = DJGScoring(version: version, maxMissingForEleven: services.configuration.djgMaxMissing).score(answers)
        guard score.total != nil else {
            var errors = FieldErrors()
            errors.add("q\(version.items.first { answers[$0] == .some(nil) } ?? version.items[0])", renderer.text("measurement_incomplete", context.language))
            return try await invalid(trajectory, person, phase: phase, form: form, errors: errors, context: context, request: request)
        }
        let answersGiven = answers
        try await write(trajectory, audit: "measurement", context: context) { trajectories in
            try await trajectories.addMeasurement(trajectory.id, on: today, answers: answersGiven, score: score)
            try await trajectories.event(trajectory.id, on: today, kind: "measurement", text: "\(version.rawValue) \(score.total!)", by: context.user.account.id)
        }
        return back(trajectory, phase: phase, anchor: "metingen")
    }

    // MARK: Network map

    @Sendable func addMember(_ request: Request, context: StaffRequestContext) async throws -> Response {
        let (trajectory, person) = try await load(context)
        let form = try await request.form()
        let language = context.language
        var errors = FieldErrors()
        if form["member_name"].isEmpty { errors.add("member_name", renderer.text("network_error_name", language)) }
        if form["member_name"].count > 200 { errors.add("member_name", renderer.text("error_too_long", language)) }
        let relation = NetworkMap.Relation(rawValue: form["relation"])
        if relation == nil { errors.add("relation", renderer.text("network_error_relation", language)) }
        let circle = Int(form["circle"]).flatMap { (1...3).contains($0) ? $0 : nil }
        if circle == nil { errors.add("circle", renderer.text("network_error_circle", language)) }
        let frequency = NetworkMap.Frequency(rawValue: form["frequency"])
        if frequency == nil { errors.add("frequency", renderer.text("network_error_frequency", language)) }
        guard errors.isEmpty, let relation, let circle, let frequency else {
            return try await invalid(trajectory, person, phase: .collaborate, form: form, errors: errors, context: context, request: request)
        }
        let member = NetworkMap.Member(name: form["member_name"], relation: relation, circle: circle, frequency: frequency,
                                       support: Set(form.chosen("support", as: NetworkMap.Support.self)))
        try await write(trajectory, audit: "network member", context: context) { trajectories in
            try await trajectories.addMember(trajectory.id, member)
            try await trajectories.event(trajectory.id, on: today, kind: "network", text: member.name, by: context.user.account.id)
        }
        return back(trajectory, phase: .collaborate, anchor: "netwerk")
    }

    @Sendable func removeMember(_ request: Request, context: StaffRequestContext) async throws -> Response {
        let (trajectory, _) = try await load(context)
        let memberID = try context.uuidParameter("member")
        try await write(trajectory, audit: "network member removed", context: context) { trajectories in
            try await trajectories.removeMember(memberID, trajectoryID: trajectory.id)
        }
        return back(trajectory, phase: .collaborate)
    }

    // MARK: Plan

    @Sendable func addGoal(_ request: Request, context: StaffRequestContext) async throws -> Response {
        let (trajectory, person) = try await load(context)
        let form = try await request.form()
        let language = context.language
        var errors = FieldErrors()
        if form["goal"].isEmpty { errors.add("goal", renderer.text("goal_error_description", language)) }
        if form["goal"].count > 1000 { errors.add("goal", renderer.text("error_too_long", language)) }
        let resource = GoalResource(rawValue: form["resource"])
        if resource == nil { errors.add("resource", renderer.text("goal_error_resource", language)) }
        let due = form["due_on"].isEmpty ? nil : CivilDate.fromInput(form["due_on"])
        if !form["due_on"].isEmpty, due == nil || due! < today { errors.add("due_on", renderer.text("goal_error_due", language)) }
        // The decision is the person's: a goal goes into the plan only with their agreement.
        if form["agreed"] != "on" { errors.add("agreed", renderer.text("goal_error_agreed", language)) }
        guard errors.isEmpty, let resource else {
            return try await invalid(trajectory, person, phase: .act, form: form, errors: errors, context: context, request: request)
        }
        try await write(trajectory, audit: "goal", context: context) { trajectories in
            try await trajectories.addGoal(trajectory.id, description: form["goal"], resource: resource, dueOn: due, agreed: true)
            try await trajectories.event(trajectory.id, on: today, kind: "goal", text: "\(resource.rawValue)|\(form["goal"])", by: context.user.account.id)
        }
        return back(trajectory, phase: .act, anchor: "plan")
    }

    @Sendable func setGoalStatus(_ request: Request, context: StaffRequestContext) async throws -> Response {
        let (trajectory, _) = try await load(context)
        let chosen = try await request.form()["status"].nonEmpty ?? request.uri.queryParameters.get("status") ?? ""
        guard let status = GoalStatus(rawValue: chosen) else { throw AppError.badRequest("status") }
        let goalID = try context.uuidParameter("goal")
        try await write(trajectory, audit: "goal \(status.rawValue)", context: context) { trajectories in
            try await trajectories.setGoalStatus(goalID, trajectoryID: trajectory.id, status: status)
            let description = try await trajectories.goals(trajectory.id).first { $0.id == goalID }?.description ?? ""
            try await trajectories.event(trajectory.id, on: today, kind: "goal_status", text: "\(status.rawValue)|\(description)", by: context.user.account.id)
        }
        return back(trajectory, phase: .act, anchor: "plan")
    }
}
