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

/// Dates as the pages show them: the civil date in the app's time zone ("2026-11-03").
enum DateText {
    static func of(_ date: Date) -> String { AppClock.civilDate(date).description }
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
