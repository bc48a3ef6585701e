import Foundation
import OmzienCore

/// Match reasons and exclusions in plain Dutch (B1), each a sentence the professional can repeat to the person:
/// "Leeftijd past niet: 12 tot en met 25 jaar, de persoon is 75 tot 85 jaar".
struct MatchTexts {
    let renderer: Renderer
    let language: Language
    let districtNames: [String: String]

    private func t(_ key: String, _ arguments: String...) -> String { renderer.translations.text(key, language, arguments: arguments) }

    /// One reason with its points: "Emotionele eenzaamheid: één-op-één contact past het best (+30 punten)".
    func reason(_ reason: MatchReason) -> String {
        let text: String = switch reason.kind {
        case .waitingList:
            // A count: "1 persoon wacht", "3 mensen wachten" (one text per form).
            reason.details.first.flatMap(Int.init).map { renderer.count("match_reason_waiting_list", $0, language) } ?? ""
        case .stale:
            t("match_reason_stale", reason.details.first.flatMap { $0.isEmpty ? nil : t("match_stale_since", $0) } ?? t("match_stale_never"))
        case .ageFits, .ageBandFits, .ageBandUncertain:
            reason.details.count == 3 ? t("match_reason_\(reason.kind.rawValue)", limits(reason.details[0], reason.details[1]), person(reason.details[2])) : ""
        default:
            t("match_reason_\(reason.kind.rawValue)", details(reason))
        }
        let points = reason.points == 0 ? "" : renderer.count(reason.points > 0 ? "match_points_plus" : "match_points_minus", abs(reason.points), language)
        return points.isEmpty ? text : text + " " + points
    }

    func details(_ reason: MatchReason) -> String {
        switch reason.kind {
        case .fitsProfile: reason.details.map { t("profile_\($0)") }.joined()
        case .suitsForm: reason.details.map { t("loneliness_\($0)") }.joined()
        case .inDistrict: reason.details.map { districtNames[$0] ?? $0 }.joined()
        case .onDays: reason.details.compactMap(Int.init).map { t("weekday_\($0)") }.joined(separator: ", ")
        case .evidence: reason.details.map { t("evidence_\($0)") }.joined()
        default: reason.details.joined(separator: ", ")
        }
    }

    /// Why an activity was left out, with the facts that decide it.
    func exclusion(_ exclusion: MatchExclusion, _ activity: CatalogueActivity, _ match: MatchPerson) -> String {
        let limits = limits(activity.minimumAge.map(String.init) ?? "", activity.maximumAge.map(String.init) ?? "")
        let age = match.age.map(String.init) ?? match.ageBand?.rawValue ?? ""
        return switch exclusion {
        case .tooYoung, .tooOld: t("match_exclusion_age", limits, person(age))
        case .conditionRequired: t("match_exclusion_condition_required", activity.conditions.joined(separator: ", "))
        case .lifeEventRequired: t("match_exclusion_life_event_required", activity.lifeEvents.joined(separator: ", "))
        default: t("match_exclusion_\(exclusion.rawValue)")
        }
    }

    /// Who offers it, where, when, at what cost and for whom: what the professional would otherwise open each activity for.
    func facts(_ card: PublicCatalogueController.ActivityView) -> [SuggestionsPage.Fact] {
        [
            SuggestionsPage.Fact(label: t("suggestions_fact_provider"), value: card.organisation.isEmpty ? t("suggestions_fact_unknown") : card.organisation),
            SuggestionsPage.Fact(label: t("activity_where"), value: card.place.isEmpty ? t("suggestions_fact_place_agreed", card.districts) : card.place),
            SuggestionsPage.Fact(label: t("activity_when"), value: card.when.isEmpty ? t("suggestions_fact_when_agreed") : card.when.joined(separator: "; ")),
            SuggestionsPage.Fact(label: t("activity_cost"), value: card.cost),
            SuggestionsPage.Fact(label: t("activity_for_whom"), value: card.forWhom),
        ]
    }

    /// "vanaf 65 jaar", "12 tot en met 25 jaar", "tot en met 30 jaar".
    func limits(_ minimum: String, _ maximum: String) -> String {
        switch (minimum.isEmpty, maximum.isEmpty) {
        case (false, false): t("age_between", minimum, maximum)
        case (false, true): t("age_from", minimum)
        case (true, false): t("age_until", maximum)
        case (true, true): t("for_everyone")
        }
    }

    /// The person's age in words: "78 jaar", or the band ("75 tot 85 jaar") when only that is known.
    func person(_ age: String) -> String {
        if let band = AgeBand(rawValue: age) { return band == .unknown ? t("match_age_unknown") : t("signal_age_band_\(band.rawValue)") }
        return t("age_years", age)
    }
}
