import Foundation
import OmzienCore

/// How staff pages name a person: the name (or "unnamed") and what is known of the address.
struct PersonLabels: Sendable {
    let renderer: Renderer
    let language: Language

    /// "Truus Bakker, Lindelaan 12, 9403 AB", or only the name when no address is known.
    func label(_ person: Person) -> String {
        let name = person.name.isEmpty ? renderer.text("unnamed_person", language) : person.name
        let address = Address.text(street: person.street, number: person.houseNumber, postcode: person.postcode,
                                   numberWord: renderer.text("house_number_short", language))
        return address.isEmpty ? name : "\(name), \(address)"
    }
}

/// The one place that writes dates for people. Long form in sentences and facts ("3 december 2026"),
/// short form in table cells ("3-12-2026"; English "3 Dec 2026", unambiguous for every reader), and the
/// input form shown in date fields ("3-12-2026", which ``CivilDate/fromInput(_:)`` reads back).
/// Storage, CSV, JSON, links and hidden fields keep ISO via ``CivilDate/description``.
enum DateText {
    /// Month names are calendar data, not wording, so they live here rather than in the text files.
    private static let dutchMonths = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
                                      "september", "oktober", "november", "december"]
    private static let englishMonths = ["January", "February", "March", "April", "May", "June", "July", "August",
                                        "September", "October", "November", "December"]

    /// "3 december 2026" / "3 December 2026".
    static func long(_ date: CivilDate, _ language: Language) -> String {
        "\(date.day) \(monthName(date.month, language)) \(date.year)"
    }

    /// "3-12-2026" / "3 Dec 2026", for table cells.
    static func short(_ date: CivilDate, _ language: Language) -> String {
        switch language {
        case .nl: date.dayMonthYear
        case .en: "\(date.day) \(monthName(date.month, language).prefix(3)) \(date.year)"
        }
    }

    /// "3-12-2026" in both languages: what a date field shows and accepts back.
    static func input(_ date: CivilDate) -> String { date.dayMonthYear }

    /// The long form of a moment, as the civil date in the app's time zone.
    static func long(_ date: Date, _ language: Language) -> String { long(AppClock.civilDate(date), language) }

    /// The short form of a moment, as the civil date in the app's time zone.
    static func short(_ date: Date, _ language: Language) -> String { short(AppClock.civilDate(date), language) }

    /// A moment for log tables: "3-12-2026 14:05" (with `seconds`, "3-12-2026 14:05:09"), Dutch time.
    static func moment(_ date: Date, _ language: Language, seconds: Bool = false) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/Amsterdam")!
        let parts = calendar.dateComponents([.hour, .minute, .second], from: date)
        let two = { (value: Int?) in String(format: "%02d", value ?? 0) }
        let time = [parts.hour, parts.minute] + (seconds ? [parts.second] : [])
        return short(date, language) + " " + time.map(two).joined(separator: ":")
    }

    private static func monthName(_ month: Int, _ language: Language) -> String {
        (language == .nl ? dutchMonths : englishMonths)[month - 1]
    }
}

/// A Dutch address line from what is known: "Lindelaan 12, 9403 AB", "nr. 12, 9403 AB" or "9403 AB".
enum Address {
    static func text(street: String?, number: String?, postcode: String?, numberWord: String) -> String {
        let streetPart: String? = switch (street, number) {
        case let (street?, number?): "\(street) \(number)"
        case let (street?, nil): street
        case let (nil, number?): "\(numberWord) \(number)"
        case (nil, nil): nil
        }
        return [streetPart, postcode].compactMap { $0 }.joined(separator: ", ")
    }
}
