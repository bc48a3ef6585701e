import Foundation
import OmzienCore

/// The fields about the person a concern is about, shared by the public signal form (step 3), the
/// partners' and professionals' signal form and the kitchen-table intake that starts a trajectory.
///
/// Adding a field here adds it, with its rules, to all three forms; the checks that depend on other
/// fields (a name or an address, one's own contact details) stay with the form that asks them.
struct PersonFields: TypedForm, Sendable {
    enum Field: String, CodingKey, CaseIterable, Sendable {
        case personName = "person_name"
        case postcode
        case houseNumber = "house_number"
        case street
        case ageBand = "age_band"
        case birthYear = "birth_year"
        case personPhone = "person_phone"
    }
    /// The field names are the coding keys: the form is decoded by the same list.
    typealias CodingKeys = Field

    let personName: String
    let postcode: String
    let houseNumber: String
    let street: String
    let ageBand: String
    let birthYear: Int?
    let personPhone: String

    /// The longest name, number or street anyone types.
    static let maxShortLength = 200

    static func spec(_ field: Field, today: CivilDate) -> FieldSpec {
        let short = FieldRule.maxLength(maxShortLength)
        switch field {
        case .personName:
            return FieldSpec(kind: .text, label: "signal_field_person_name", hint: "signal_field_person_name_hint", rules: [short])
        case .postcode:
            return FieldSpec(kind: .text, label: "signal_field_postcode", rules: [.valid("signal_error_postcode") { Postcode($0) != nil }])
        case .houseNumber:
            return FieldSpec(kind: .text, label: "signal_field_house_number", rules: [short])
        case .street:
            return FieldSpec(kind: .text, label: "signal_field_street", rules: [short])
        case .ageBand:
            // "Weet ik niet" first: a select shows its first option, and an untouched one must not mean "under 18".
            let bands = ([AgeBand.unknown] + AgeBand.allCases.filter { $0 != .unknown }).map(\.rawValue)
            return FieldSpec(kind: .select, label: "signal_field_age_band", rules: [.oneOf(bands, "signal_error_age")],
                             choices: bands, choiceLabelPrefix: "signal_age_band_")
        case .birthYear:
            let years = 1900...today.year
            return FieldSpec(kind: .number, label: "signal_field_birth_year", hint: "signal_field_birth_year_hint",
                             rules: [.valid("signal_error_birth_year") { Int($0).map(years.contains) ?? false }])
        case .personPhone:
            return FieldSpec(kind: .tel, label: "signal_field_person_phone", rules: [.valid("signal_error_phone", PersonFields.isPhone)])
        }
    }

    /// Ten to fifteen digits, with spaces, dashes, brackets or a plus between them.
    static func isPhone(_ text: String) -> Bool {
        let digits = text.filter(\.isNumber)
        return (10...15).contains(digits.count) && text.allSatisfy { $0.isNumber || " +-()".contains($0) }
    }

    // MARK: Typed values

    var validPostcode: Postcode? { Postcode(postcode) }
    var hasAddress: Bool { !postcode.isEmpty && !houseNumber.isEmpty }

    /// The age band as typed, or else as follows from the birth year.
    func band(in year: Int) -> AgeBand {
        AgeBand(rawValue: ageBand).flatMap { $0 == .unknown ? nil : $0 } ?? birthYear.map { AgeBand.of(birthYear: $0, in: year) } ?? .unknown
    }
}
