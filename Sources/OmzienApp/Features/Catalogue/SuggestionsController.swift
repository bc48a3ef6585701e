import Foundation
import Hummingbird
import OmzienCore

/// Suggestions from the social map on a trajectory: ranked, each with its reasons. The professional
/// chooses; the person decides. Referrals made from here are listed with their answers.
struct SuggestionsController {
    let services: AppServices
    var renderer: Renderer { services.renderer }

    func addRoutes(to group: RouterGroup<StaffRequestContext>) {
        group.get(.trajectorySuggestions(.routeKey), use: show)
    }

    /// What matching may use from the trajectory: the assessment, the latest measurement, where the person lives.
    func matchPerson(_ trajectory: Trajectory, _ person: Person) async throws -> MatchPerson {
        var match = MatchPerson()
        let assessment = trajectory.assessment
        match.forms = assessment.forms
        match.profile = assessment.profile
        match.causes = assessment.causeGroups
        match.age = person.birthYear.map { services.clock.today.year - $0 }
        match.districtID = try await services.signalService.district(forPostcode: person.postcode, in: [trajectory.municipalityID])?.id.uuidString
        match.avoidsGroups = assessment.networkType == .sociallyIsolated
        if let latest = try await services.trajectories.measurements(trajectory.id).last, let total = latest.score.total {
            let level = LonelinessLevel.of(total: total, version: latest.score.version)
            match.severe = level == .strong || level == .veryStrong
        }
        return match
    }

    @Sendable func show(_ request: Request, context: StaffRequestContext) async throws -> Response {
        let (trajectory, person) = try await TrajectoryAccess(services: services).load(context)
        let language = context.language
        let t = { (key: String) in renderer.text(key, language) }
        let districts = try await services.organisations.districts(municipalityID: context.municipalityID)
        let districtNames = Dictionary(uniqueKeysWithValues: districts.map { ($0.id.uuidString, $0.name) })
        let match = try await matchPerson(trajectory, person)
        let stored = try await services.catalogue.activities(municipalityID: context.municipalityID).map(\.activity)
        let byID = Dictionary(uniqueKeysWithValues: stored.map { ($0.id, $0) })
        let suggestions = ActivityMatching.suggestions(stored, for: match, today: services.clock.today)
        let referrals = try await services.referrals.referrals(municipalityID: context.municipalityID, .init(trajectoryID: trajectory.id))
        try await services.audit.record(.read, "trajectory", id: trajectory.id.uuidString, detail: "suggestions", context: context)
        let texts = MatchTexts(renderer: renderer, language: language, districtNames: districtNames)
        let rows = suggestions.compactMap { suggestion -> [String: Any]? in
            guard let activity = byID[suggestion.activityID] else { return nil }
            return [
                "name": activity.name, "href": Route.activity(activity.id).href, "score": String(suggestion.score),
                "form": t("activity_form_\(activity.form.rawValue)"), "reasons": suggestion.reasons.map(texts.reason),
                "referHref": Route.newReferral(activity: activity.id, trajectory: trajectory.id).href,
            ]
        }
        let known = [
            match.forms.isEmpty ? nil : match.forms.map { t("form_\($0.rawValue)") }.sorted().joined(separator: ", "),
            match.profile.map { t("profile_\($0.rawValue)") }, match.age.map { renderer.text("age_years", language, String($0)) },
            match.districtID.flatMap { districtNames[$0] },
        ].compactMap { $0 }
        let page: [String: Any] = [
            "rows": rows, "hasRows": !rows.isEmpty, "known": known.joined(separator: " · "),
            "back": ["href": Route.trajectory(trajectory.id).href, "label": renderer.text("coupling_back_trajectory", language, person.name)],
            "referrals": referrals.map { ["href": Route.referral($0.id).href, "status": t("referral_status_\($0.status.rawValue)"),
                                          "activity": byID[$0.activityID.uuidString]?.name ?? "—", "sent": $0.sentOn.description] },
            "hasReferrals": !referrals.isEmpty,
        ]
        return renderer.page(.suggestions, title: renderer.text("suggestions_title", language, person.name), page: page, context: context, request: request)
    }
}

/// Match reasons in words: "emotioneel eenzaam → één-op-één (+30)".
struct MatchTexts {
    let renderer: Renderer
    let language: Language
    let districtNames: [String: String]

    func reason(_ reason: MatchReason) -> String {
        let t = { (key: String) in renderer.text(key, language) }
        let points = reason.points == 0 ? "" : reason.points > 0 ? " (+\(reason.points))" : " (\(reason.points))"
        if reason.kind == .waitingList, let waiting = reason.details.first.flatMap(Int.init) {
            return renderer.count("match_reason_waiting_list", waiting, language) + points
        }
        let details: String = switch reason.kind {
        case .fitsProfile: reason.details.map { t("profile_\($0)") }.joined()
        case .suitsForm: reason.details.map { t("loneliness_\($0)") }.joined()
        case .inDistrict: reason.details.map { districtNames[$0] ?? $0 }.joined()
        case .onDays: reason.details.compactMap(Int.init).map { t("weekday_\($0)") }.joined(separator: ", ")
        case .evidence: reason.details.map { t("evidence_\($0)") }.joined()
        case .ageFits: reason.details.count == 3 ? ageRange(from: reason.details[0], to: reason.details[1], age: reason.details[2]) : ""
        case .stale: reason.details.first.flatMap { $0.isEmpty ? nil : renderer.text("match_stale_since", language, $0) } ?? t("match_stale_never")
        default: reason.details.joined(separator: ", ")
        }
        return renderer.text("match_reason_\(reason.kind.rawValue)", language, details) + points
    }

    /// The activity's age range in words ("vanaf 55 jaar", "tot en met 80 jaar", "55 tot en met 80 jaar")
    /// and the person's age; an open end is left out rather than shown as 0 or ∞.
    func ageRange(from minimum: String, to maximum: String, age: String) -> String {
        let range = switch (minimum.isEmpty, maximum.isEmpty) {
        case (false, false): renderer.text("age_between", language, minimum, maximum)
        case (false, true): renderer.text("age_from", language, minimum)
        case (true, false): renderer.text("age_until", language, maximum)
        case (true, true): ""
        }
        return renderer.text("match_age_range", language, range, age)
    }
}
