import Foundation
import OmzienCore

/// Words for the coupling vocabulary and the explanation of a score, in the reader's language.
struct CouplingTexts {
    static let languages = ["nl", "en", "de", "fr", "tr", "ar", "pl", "pap", "fy", "ber"]

    let renderer: Renderer
    let language: Language
    /// District names by id, to say "in Centrum" instead of an id.
    var districtNames: [String: String] = [:]

    func t(_ key: String) -> String { renderer.text(key, language) }

    func interest(_ interest: Interest) -> String { t("interest_\(interest.rawValue)") }
    func languageName(_ code: String) -> String { t("lang_\(code)") }
    func slot(_ slot: Slot) -> String { "\(t("weekday_\(slot.day)")) \(t("daypart_\(slot.part.rawValue)"))" }
    func blocker(_ blocker: CouplingBlocker) -> String { t("coupling_blocker_\(blocker.rawValue)") }

    func interests(_ values: Set<Interest>) -> String { values.sorted { $0.rawValue < $1.rawValue }.map(interest).joined(separator: ", ") }
    func slots(_ values: Set<Slot>) -> String { values.sorted().map(slot).joined(separator: ", ") }
    func languageNames(_ codes: some Sequence<String>) -> String { codes.sorted().map(languageName).joined(separator: ", ") }

    /// One reason as a sentence with its points, e.g. "Samen: wandelen, muziek (+16)".
    func reason(_ reason: CouplingReason) -> String {
        let points = reason.points == 0 ? "" : String(format: reason.points > 0 ? " (+%.0f)" : " (%.0f)", reason.points)
        if reason.kind == .waitingTime, let weeks = reason.details.first.flatMap(Int.init) {
            return renderer.count("coupling_reason_waiting_time", weeks, language) + points
        }
        let details: String
        switch reason.kind {
        case .sharedInterests: details = reason.details.compactMap(Interest.init(rawValue:)).map(interest).joined(separator: ", ")
        case .commonLanguage: details = languageNames(reason.details)
        case .commonTimes: details = reason.details.compactMap(Slot.init(code:)).map(slot).joined(separator: ", ")
        case .sameDistrict: details = reason.details.map { districtNames[$0] ?? $0 }.joined()
        case .genderWishMet, .genderWishNotMet, .volunteerGenderWishMet, .volunteerGenderWishNotMet:
            details = reason.details.map { t("gender_\($0)") }.joined()
        case .ageWithinWish, .ageOutsideWish: details = reason.details.joined(separator: "–")
        case .waitingTime, .otherDistrictAsWished, .sameDistrictNotWished: details = reason.details.joined()
        }
        return renderer.text("coupling_reason_\(reason.kind.rawValue)", language, details) + points
    }

    func checkboxOptions<T>(_ values: [T], selected: Set<String>, value: (T) -> String, label: (T) -> String) -> [FieldView.Option] {
        values.map { FieldView.Option(value: value($0), label: label($0), selected: selected.contains(value($0))) }
    }

    /// The 21 parts of the week as checkbox groups, one group per day.
    func slotGroups(selected: Set<String>) -> [FieldView.OptionGroup] {
        (1...7).map { day in
            FieldView.OptionGroup(label: t("weekday_\(day)"), options: Slot.Part.allCases.map { part in
                let slot = Slot(day: day, part: part)!
                return FieldView.Option(value: slot.code, label: t("daypart_\(part.rawValue)"), selected: selected.contains(slot.code))
            })
        }
    }
}
