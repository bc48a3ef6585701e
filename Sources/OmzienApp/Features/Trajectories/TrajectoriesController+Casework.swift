import Foundation
import Hummingbird
import OmzienCore

/// Contacts, reminders, transfer to a colleague and closing a trajectory.
extension TrajectoriesController {
    // MARK: Contacts, reminders, transfer, closing

    @Sendable func addContact(_ request: Request, context: StaffRequestContext) async throws -> Response {
        let (trajectory, person) = try await load(context)
        let form = try await request.form()
        let language = context.language
        var errors = FieldErrors()
        let date = form["contact_on"].isEmpty ? today : CivilDate.fromInput(form["contact_on"])
        if date == nil || date! > today { errors.add("contact_on", renderer.text("contact_error_date", language)) }
        let kind = CaseContactKind(rawValue: form["contact_kind"])
        if kind == nil { errors.add("contact_kind", renderer.text("contact_error_channel", language)) }
        let minutes = form["minutes"].isEmpty ? 0 : Int(form["minutes"])
        if minutes == nil || minutes! < 0 || minutes! > 600 { errors.add("minutes", renderer.text("contact_error_minutes", language)) }
        if form["contact_note"].count > 4000 { errors.add("contact_note", renderer.text("error_too_long", language)) }
        let phase = Int(form["section"]).flatMap(Phase.init(rawValue:)) ?? trajectory.phase
        guard errors.isEmpty, let date, let kind, let minutes else {
            return try await invalid(trajectory, person, phase: phase, form: form, errors: errors, context: context, request: request)
        }
        try await write(trajectory, audit: "contact", context: context) { trajectories in
            try await trajectories.addContact(trajectory.id, CaseContact(onDate: date, kind: kind, minutes: minutes, note: form["contact_note"]),
                                              by: context.user.account.id)
            try await trajectories.event(trajectory.id, on: date, kind: "contact", text: "\(kind.rawValue) \(minutes) min. \(form["contact_note"])",
                                         by: context.user.account.id)
        }
        return back(trajectory, phase: phase, anchor: "tijdlijn")
    }

    @Sendable func addReminder(_ request: Request, context: StaffRequestContext) async throws -> Response {
        let (trajectory, person) = try await load(context)
        let form = try await request.form()
        let date = CivilDate.fromInput(form["remind_on"])
        let phase = Int(form["section"]).flatMap(Phase.init(rawValue:)) ?? trajectory.phase
        guard let date, date >= today, form["remind_note"].count <= 1000 else {
            var errors = FieldErrors()
            errors.add("remind_on", renderer.text("contact_error_follow_up", context.language))
            return try await invalid(trajectory, person, phase: phase, form: form, errors: errors, context: context, request: request)
        }
        try await write(trajectory, audit: "reminder", context: context) { trajectories in
            try await trajectories.addReminder(trajectory.id, on: date, note: form["remind_note"])
            try await trajectories.event(trajectory.id, on: today, kind: "reminder", text: "\(DateText.long(date, context.language)): \(form["remind_note"])", by: context.user.account.id)
        }
        return back(trajectory, phase: phase, anchor: "herinneringen")
    }

    @Sendable func transfer(_ request: Request, context: StaffRequestContext) async throws -> Response {
        let (trajectory, person) = try await load(context)
        let form = try await request.form()
        guard let colleagueID = UUID(uuidString: form["colleague"]),
              let colleague = try await services.users.user(id: colleagueID, municipalityID: context.municipalityID),
              colleague.role == .professional || colleague.role == .coordinator, colleague.active
        else {
            var errors = FieldErrors()
            errors.add("colleague", renderer.text("transfer_error", context.language))
            return try await invalid(trajectory, person, phase: trajectory.phase, form: form, errors: errors, context: context, request: request)
        }
        let note = form["transfer_note"]
        try await write(trajectory, audit: "transfer to \(colleague.id)", context: context) { trajectories in
            try await trajectories.update(trajectory.id, on: today, kind: "transfer", text: "\(colleague.name): \(note)", by: context.user.account.id) { record in
                record.professionalID = colleague.id
                if let team = colleague.teamID { record.teamID = team }
            }
        }
        return redirect(to: .trajectories())
    }

    @Sendable func close(_ request: Request, context: StaffRequestContext) async throws -> Response {
        let (trajectory, person) = try await load(context)
        let form = try await request.form()
        let language = context.language
        var errors = FieldErrors()
        let reason = CloseReason(rawValue: form["close_reason"])
        if reason == nil { errors.add("close_reason", renderer.text("close_error_reason", language)) }
        let measurements = try await repository.measurements(trajectory.id)
        // The second measurement shows what changed; without it a reason why not is required.
        if let reason, reason.expectsSecondMeasurement, measurements.count < 2, form["no_measurement_reason"].isEmpty {
            errors.add("no_measurement_reason", renderer.text("close_error_measurement", language))
        }
        if form["close_note"].count > 4000 { errors.add("close_note", renderer.text("error_too_long", language)) }
        // "Goals met" while the plan says otherwise: the professional says why, or sets the goals first.
        if let reason, !reason.agreesWithGoals(try await repository.goals(trajectory.id).map(\.status)), form["close_note"].isEmpty {
            errors.add("close_note", renderer.text("close_error_goals_disagree", language))
        }
        guard errors.isEmpty, let reason else {
            return try await invalid(trajectory, person, phase: .review, form: form, errors: errors, context: context, request: request)
        }
        let note = [form["close_note"], form["no_measurement_reason"].nonEmpty.map { "(\($0))" } ?? ""].filter { !$0.isEmpty }.joined(separator: " ")
        try await write(trajectory, audit: "closed \(reason.rawValue)", context: context) { trajectories in
            try await trajectories.update(trajectory.id, on: today, kind: "closed", text: reason.rawValue, by: context.user.account.id) { record in
                record.isOpen = false
                record.closedOn = today
                record.closeReason = reason
                record.closeNote = note
            }
            // The note in the timeline too, where it stays readable after a reopening.
            if !note.isEmpty {
                try await trajectories.event(trajectory.id, on: today, kind: "close_note", text: note, by: context.user.account.id)
            }
        }
        return back(trajectory, phase: .review, notice: .closed)
    }

    /// Opens a closed trajectory again (something new came up). The closing stays in the timeline.
    @Sendable func reopen(_ request: Request, context: StaffRequestContext) async throws -> Response {
        let (trajectory, _) = try await load(context)
        guard !trajectory.isOpen else { return back(trajectory) }
        let today = self.today
        try await services.unitOfWork { work in
            try await work.trajectories.update(trajectory.id, on: today, kind: "reopened", text: "", by: context.user.account.id) { record in
                record.isOpen = true
                record.closedOn = nil
                record.closeReason = nil
                record.closeNote = nil
            }
            try await work.audit.record(.update, "trajectory", id: trajectory.id.uuidString, detail: "reopened", context: context)
        }
        return back(trajectory)
    }
}
