import Foundation
import OmzienCore

/// Short generated sentences for the dashboard and the report ("X people were reached, Y% via partners…").
/// A figure that is withheld leaves its sentence out rather than printing a hidden number.
enum EvaluationWording {
    static func period(_ period: EvaluationPeriod, _ language: Language) -> String {
        let date = { (d: CivilDate) in DateText.long(d, language) }
        if period == .year(period.from.year) { return String(period.from.year) }
        return "\(date(period.from)) – \(date(period.through))"
    }

    static func paragraphs(_ figures: EvaluationFigures, renderer: Renderer, language: Language) -> [String] {
        let h = figures.headline
        let t = { (key: String, args: [String]) in renderer.translations.text(key, language, arguments: args) }
        let pct = { (share: Double) in EvaluationFormat.percent(share, language) }
        let dec = { (value: Double) in EvaluationFormat.decimal(value, digits: 1, language) }
        let count = { (key: String, count: Int, args: [String]) in renderer.translations.plural(key, .of(count), language, arguments: [String(count)] + args) }
        var reach: [String] = []
        if let people = h.people, let signals = h.signals {
            reach.append(t("evaluation_says_reach", [count("count_people", people, []), count("count_signals", signals, [])]))
        } else {
            reach.append(t("evaluation_says_reach_small", [String(figures.rule.minimum)]))
        }
        if let share = h.viaPartnersShare { reach.append(t("evaluation_says_partners", [pct(share)])) }
        if let share = h.previouslyUnknownShare { reach.append(t("evaluation_says_unknown", [pct(share)])) }
        if let started = h.trajectoriesStarted { reach.append(count("evaluation_says_trajectories", started, [])) }
        var care: [String] = []
        if let days = h.medianDaysToFirstContact { care.append(t("evaluation_says_speed", [renderer.translations.plural("count_days", .of(days), language, arguments: [dec(days)])])) }
        if let share = h.consentShare { care.append(t("evaluation_says_consent", [pct(share)])) }
        var effect: [String] = []
        if let pairs = h.pairs, let mean = h.meanChange, let down = h.shareDown {
            effect.append(count(mean <= 0 ? "evaluation_says_effect_down" : "evaluation_says_effect_up", pairs, [dec(abs(mean)), pct(down)]))
        }
        if let referrals = h.referrals { effect.append(count("evaluation_says_referrals", referrals, [])) }
        if let share = h.referralsSuccessfulShare { effect.append(t("evaluation_says_referrals_successful", [pct(share)])) }
        if let couplings = h.couplingsStarted { effect.append(count("evaluation_says_couplings", couplings, [])) }
        return [reach, care, effect].filter { !$0.isEmpty }.map { $0.joined(separator: " ") }
    }
}
