import Foundation
import Hummingbird
import OmzienCore

/// Suggestions from the social map on a trajectory: ranked, each with its reasons, who offers it, where, when
/// and at what cost. What matching left out is listed with the reason, so nothing disappears unexplained. The
/// professional chooses; the person decides. Referrals made from here are listed with their answers.
struct SuggestionsController {
    let services: AppServices
    var renderer: Renderer { services.renderer }

    func addRoutes(to group: RouterGroup<StaffRequestContext>) {
        group.get(.trajectorySuggestions(.routeKey), use: show)
    }

    /// What matching may use from the trajectory: the assessment (forms, profile, causes, life events, groups the
    /// person belongs to), the latest measurement, where the person lives, the age (or the age band when no birth
    /// year is known), and that an open trajectory is welfare guidance already.
    func matchPerson(_ trajectory: Trajectory, _ person: Person) async throws -> MatchPerson {
        var match = MatchPerson()
        let assessment = trajectory.assessment
        match.forms = assessment.forms
        match.profile = assessment.profile
        match.causes = assessment.causeGroups
        match.lifeEvents = assessment.lifeEvents ?? []
        match.groups = assessment.groups ?? []
        match.age = person.birthYear.map { services.clock.today.year - $0 }
        match.ageBand = person.birthYear == nil ? person.ageBand : nil
        match.alreadyIn = trajectory.isOpen ? [.welfare] : []
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
        let organisations = Dictionary(uniqueKeysWithValues: try await services.catalogue.organisations(municipalityID: context.municipalityID).map { ($0.id, $0.name) })
        let match = try await matchPerson(trajectory, person)
        let stored = try await services.catalogue.activities(municipalityID: context.municipalityID).map(\.activity)
        let byID = Dictionary(uniqueKeysWithValues: stored.map { ($0.id, $0) })
        let suggestions = ActivityMatching.suggestions(stored, for: match, today: services.clock.today)
        let referrals = try await services.referrals.referrals(municipalityID: context.municipalityID, .init(trajectoryID: trajectory.id))
        try await services.audit.record(.read, "trajectory", id: trajectory.id.uuidString, detail: "suggestions", context: context)
        let texts = MatchTexts(renderer: renderer, language: language, districtNames: districtNames)
        let cards = PublicCatalogueController(services: services)
        let rows = suggestions.compactMap { suggestion -> SuggestionsPage.Row? in
            guard let activity = byID[suggestion.activityID] else { return nil }
            let card = cards.view(activity, organisations: organisations, districts: districtNames, language: language)
            return SuggestionsPage.Row(
                name: activity.name, href: Route.activity(activity.id).href, score: String(suggestion.score),
                form: t("activity_form_\(activity.form.rawValue)"), reasons: suggestion.reasons.map(texts.reason),
                facts: texts.facts(card), referHref: Route.newReferral(activity: activity.id, trajectory: trajectory.id).href)
        }
        let left = leftOut(stored, match, texts)
        let page = SuggestionsPage(
            back: Chrome.Link(label: renderer.text("coupling_back_trajectory", language, person.name), route: .trajectory(trajectory.id)),
            known: known(match, districtNames, language).joined(separator: " · "), rows: rows,
            leftOut: left, leftOutTitle: renderer.text("suggestions_left_out", language, String(left.count)),
            referrals: referrals.map {
                SuggestionsPage.ReferralLine(href: Route.referral($0.id).href, status: t("referral_status_\($0.status.rawValue)"),
                                             activity: byID[$0.activityID.uuidString]?.name ?? "—", sent: DateText.short($0.sentOn, language))
            })
        return renderer.page(page, title: renderer.text("suggestions_title", language, person.name), context: context, request: request)
    }

    /// The facts matching used, in words, so the professional can see what to fill in for better suggestions.
    func known(_ match: MatchPerson, _ districtNames: [String: String], _ language: Language) -> [String] {
        let t = { (key: String) in renderer.text(key, language) }
        let groups = match.groups.compactMap { key in Coverage.riskGroups.first { $0.key == key } }.map { t("evaluation_group_\($0.key)") }.sorted()
        return [
            match.forms.isEmpty ? nil : match.forms.map { t("form_\($0.rawValue)") }.sorted().joined(separator: ", "),
            match.profile.map { t("profile_\($0.rawValue)") }, match.age.map { renderer.text("age_years", language, String($0)) },
            match.ageBand.flatMap { $0 == .unknown ? nil : t("signal_age_band_\($0.rawValue)") },
            match.lifeEvents.isEmpty ? nil : match.lifeEvents.map { t("life_event_\($0.rawValue)") }.sorted().joined(separator: ", "),
            groups.isEmpty ? nil : groups.joined(separator: ", "),
            match.districtID.flatMap { districtNames[$0] },
        ].compactMap { $0 }
    }

    /// Active activities matching left out, each with why; closed ones are not worth a line.
    func leftOut(_ activities: [CatalogueActivity], _ match: MatchPerson, _ texts: MatchTexts) -> [SuggestionsPage.LeftOut] {
        activities.filter { $0.status == .active }
            .map { activity in (activity, ActivityMatching.exclusions(activity, for: match)) }
            .filter { !$0.1.isEmpty }
            .sorted { $0.0.name < $1.0.name }
            .map { activity, exclusions in
                SuggestionsPage.LeftOut(name: activity.name, href: Route.activity(activity.id).href,
                                        why: exclusions.map { texts.exclusion($0, activity, match) }.joined(separator: "; "))
            }
    }
}
