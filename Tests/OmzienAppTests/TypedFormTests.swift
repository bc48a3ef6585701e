import Foundation
import Hummingbird
import OmzienCore
import Testing
@testable import OmzienApp

/// Forms as types: one declaration of each field decodes, validates and re-renders it.
@Suite struct TypedFormTests {
    static let today = CivilDate(year: 2026, month: 12, day: 3)!

    static func context() async throws -> FormContext {
        let translations = try Translations.load()
        let renderer = Renderer(translations: translations)
        return FormContext(today: today, renderer: renderer, language: .nl)
    }

    @Test func aPostedFormDecodesIntoTypedValues() throws {
        let form = FormData(["person_name": ["  Truus  "], "birth_year": ["1941"], "postcode": ["9401ab"], "house_number": ["12"]])
        let person = try PersonFields.decode(form)
        #expect(person.personName == "Truus")
        #expect(person.birthYear == 1941)
        #expect(person.street.isEmpty)
        #expect(person.validPostcode?.description == "9401 AB")
        #expect(person.hasAddress)
        #expect(person.band(in: 2026) == AgeBand.of(birthYear: 1941, in: 2026))
        #expect(try PersonFields.decode(FormData(["birth_year": ["negentien"]])).birthYear == nil)
    }

    @Test func everyRuleIsCheckedOnceWhereTheFieldIsDeclared() async throws {
        let context = try await Self.context()
        let bad = FormData([
            "person_name": [String(repeating: "a", count: 201)], "postcode": ["12345"], "house_number": ["1"],
            "street": [String(repeating: "s", count: 201)], "age_band": ["120-plus"], "birth_year": ["2030"], "person_phone": ["bel maar"],
        ])
        var errors = FieldErrors()
        PersonFields.validate(bad, context: context, into: &errors)
        for field in PersonFields.Field.allCases where field != .houseNumber {
            #expect(errors[field.rawValue] != nil, "\(field.rawValue) should be refused")
        }
        #expect(errors["house_number"] == nil)
        // Optional fields may stay empty.
        var none = FieldErrors()
        PersonFields.validate(FormData(), context: context, into: &none)
        #expect(none.isEmpty)
        var good = FieldErrors()
        PersonFields.validate(FormData(["postcode": ["9401 AB"], "birth_year": ["1941"], "person_phone": ["06 12345678"], "age_band": ["75_84"]]),
                              context: context, into: &good)
        #expect(good.isEmpty, "\(good.messages)")
    }

    @Test func theFormIsShownAgainWithWhatWasTypedAndTheMessages() async throws {
        let context = try await Self.context()
        let form = FormData(["person_name": ["Truus"], "age_band": ["75_84"]])
        var errors = FieldErrors()
        errors.add("postcode", "Dit is geen postcode")
        let views = PersonFields.views(form, errors: errors, context: context)
        #expect(views.map(\.name) == PersonFields.fieldNames)
        #expect(views.first { $0.name == "person_name" }?.value == "Truus")
        #expect(views.first { $0.name == "postcode" }?.error == "Dit is geen postcode")
        let bands = try #require(views.first { $0.name == "age_band" })
        #expect(bands.options.first?.value == AgeBand.unknown.rawValue, "an untouched select must not say 'under 18'")
        #expect(bands.options.first { $0.selected }?.value == "75_84")
        #expect(views.allSatisfy { !$0.label.isEmpty && !$0.label.hasPrefix("signal_field") })
    }

    /// The kitchen-table intake checks the person's fields by the same rules as the signal forms (it did
    /// not check phone numbers or lengths before).
    @Test func theIntakeUsesTheSameRulesAsTheSignalForms() async throws {
        try await TestApp.withBrowser { _, browser in
            try await browser.login("professional@lindewaard.example")
            let refused = try await browser.post("/trajecten", [("person_name", "Gerard"), ("person_phone", "bel maar"), ("consent_form", "verbal")],
                                                 tokenFrom: "/trajecten/nieuw")
            #expect(refused.status == .unprocessableContent)
            #expect(refused.contains(#"value="Gerard""#))
            #expect(refused.contains(#"value="bel maar""#))
            let partner = try await browser.get("/signalen/nieuw")
            let intake = try await browser.get("/trajecten/nieuw")
            for name in PersonFields.fieldNames {
                #expect(partner.contains(#"name="\#(name)""#), "the partners' form misses \(name)")
            }
            for field in TrajectoriesController.intakeFields {
                #expect(intake.contains(#"name="\#(field.rawValue)""#), "the intake misses \(field.rawValue)")
            }
        }
    }
}
