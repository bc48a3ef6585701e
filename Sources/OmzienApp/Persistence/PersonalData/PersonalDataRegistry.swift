import Foundation
import OmzienCore

// The one list of the person's data. Every column that holds something about a person Omzien supports is
// declared here once, with what the person's export, the retention job's anonymisation and the erasure do
// with it. Those three read this list; none keeps its own. `PersonalDataRegistryTests` compares the list with
// the live schema, so a new column cannot be added without deciding here what happens to it.

/// What kind of personal data a column holds (AVG art. 4 and 9).
enum PersonalDataCategory: String, Sendable {
    /// Names a person on its own or nearly so (name, birth year).
    case identifying
    /// Where the person can be reached (address, phone).
    case contact
    /// Health and wellbeing: special category data (AVG art. 9).
    case specialCategory = "special_category"
    /// Text a professional or volunteer typed: anything can be in it.
    case freeText = "free_text"
    /// Codes, dates and classifications that say something about the person only together with the rest.
    case other
}

/// What the person's export (AVG art. 15) does with a column.
enum ExportRule: Sendable, Equatable {
    /// Shown, under this Dutch label.
    case include(String)
    /// Left out, for the reason given (for the people who read this code).
    case omit(String)
}

/// A value computed from the stored one, where a plain constant would lose what the statistics need.
enum AnonymisationRewrite: Sendable, Equatable {
    /// Keeps the four-digit postcode area ("9403 AB" → "9403"): enough for district figures, not for an address.
    case postcodeArea
    /// Empties the free-text fields of the assessment JSON and keeps its classifications (forms, profile, …).
    case assessmentFreeText

    func apply(_ value: String?) -> String? {
        switch self {
        case .postcodeArea:
            // An area already (anonymised before, by another rule) stays as it is.
            if let value, value.count == 4, Int(value) != nil { return value }
            return value.flatMap(Postcode.init).map { String($0.digits) }
        case .assessmentFreeText:
            guard let value, var assessment = try? JSONDecoder().decode(Assessment.self, from: Data(value.utf8)) else { return value }
            for path in Self.assessmentTexts { assessment[keyPath: path] = "" }
            let encoder = JSONEncoder()
            encoder.outputFormatting = .sortedKeys
            return (try? encoder.encode(assessment)).map { String(decoding: $0, as: UTF8.self) } ?? value
        }
    }

    /// The assessment's free-text fields; everything else in it is a classification the evaluation counts.
    static let assessmentTexts: [WritableKeyPath<Assessment, String>] = [
        \.situation, \.causeNotes, \.resistanceNotes, \.wishes, \.talents, \.interests, \.alwaysLiked, \.partnersInvolved, \.lookBack,
    ]
}

/// What the retention job's anonymisation does with a column. Anonymised rows stay, so the evaluation's counts do not change.
enum AnonymisationRule: Sendable, Equatable {
    /// Kept: a classification, a code or a number the evaluation counts.
    case keep
    /// Set to the empty string (for columns that may not be NULL).
    case blank
    /// Set to NULL.
    case null
    /// Replaced by a fixed text.
    case marker(String)
    /// Replaced by a value computed from the stored one.
    case rewrite(AnonymisationRewrite)
}

/// What erasure (AVG art. 17) does with a table's rows of the person.
enum ErasureRule: Sendable, Equatable {
    /// The rows are deleted.
    case deleteRows
}

/// How the rows of a table are found from the person.
enum PersonalDataLink: Sendable, Equatable {
    /// The column holds the person's id (for `persons` itself: `id`).
    case person(column: String)
    /// The column holds the id of a row of `table`, which is itself the person's.
    case parent(table: String, column: String)
}

/// How a column is stored, so the export can read it on SQLite and PostgreSQL alike.
enum ColumnType: Sendable, Equatable {
    case text
    case integer
    case boolean
    /// The id of an organisation; the export shows its name.
    case organisation
}

/// One personal-data column.
struct PersonalColumn: Sendable {
    let table: String
    let column: String
    let category: PersonalDataCategory
    let stored: ColumnType
    let export: ExportRule
    let anonymisation: AnonymisationRule
    /// Erasure works on whole rows: the column goes with its table's rows.
    var erasure: ErasureRule { PersonalDataRegistry.table(named: table)?.erasure ?? .deleteRows }

    /// The Dutch label when the column is exported.
    var exportLabel: String? {
        if case .include(let label) = export { return label }
        return nil
    }
}

/// A table holding rows about the person.
struct PersonalTable: Sendable {
    let name: String
    /// The item kind in the export (`rights_kind_…` texts); nil for `persons`, which is the export's header section.
    let kind: String?
    /// The column whose date heads the item in the export.
    let dateColumn: DateColumn?
    let links: [PersonalDataLink]
    let erasure: ErasureRule
    let columns: [PersonalColumn]

    enum DateColumn: Sendable {
        /// A calendar date stored as text (yyyy-MM-dd).
        case civil(String)
        /// A timestamp; the export shows its Dutch calendar date.
        case timestamp(String)

        var column: String {
            switch self {
            case .civil(let column), .timestamp(let column): column
            }
        }
    }
}

/// The registry: every table with the person's data, parents before children (the order scopes are resolved
/// in; erasure deletes in the reverse order).
enum PersonalDataRegistry {
    static let tables: [PersonalTable] = [persons, signals, contactAttempts, consents, trajectories, trajectoryEvents, measurements,
                                          networkMembers, goals, caseContacts, reminders, couplingRequests, couplings, couplingCheckIns,
                                          backupRequests, referrals, referralConsents]

    /// Every personal-data column, across tables.
    static var columns: [PersonalColumn] { tables.flatMap(\.columns) }

    static func table(named name: String) -> PersonalTable? { tables.first { $0.name == name } }

    static func table(kind: String) -> PersonalTable? { tables.first { $0.kind == kind } }

    static func column(_ table: String, _ column: String) -> PersonalColumn? {
        self.table(named: table)?.columns.first { $0.column == column }
    }

    /// Shorthand for the declarations below.
    private static func table(_ name: String, kind: String?, date: PersonalTable.DateColumn?, links: [PersonalDataLink],
                              _ columns: [(String, PersonalDataCategory, ColumnType, ExportRule, AnonymisationRule)]) -> PersonalTable {
        PersonalTable(name: name, kind: kind, dateColumn: date, links: links, erasure: .deleteRows, columns: columns.map {
            PersonalColumn(table: name, column: $0.0, category: $0.1, stored: $0.2, export: $0.3, anonymisation: $0.4)
        })
    }

    static let persons = table("persons", kind: nil, date: nil, links: [.person(column: "id")], [
        ("name", .identifying, .text, .include("Naam"), .blank),
        ("birth_year", .identifying, .integer, .include("Geboortejaar"), .null),
        ("age_band", .other, .text, .include("Leeftijdsgroep"), .keep),
        ("postcode", .contact, .text, .include("Postcode"), .rewrite(.postcodeArea)),
        ("house_number", .contact, .text, .include("Huisnummer"), .null),
        ("street", .contact, .text, .include("Straat"), .null),
        ("phone", .contact, .text, .include("Telefoon"), .null),
        ("known_to_partner", .other, .boolean, .include("Al bekend bij een partner"), .keep),
    ])

    static let signals = table("signals", kind: "signal", date: .timestamp("received_at"), links: [.person(column: "person_id")], [
        ("reference_code", .other, .text, .include("Kenmerk"), .keep),
        ("source", .other, .text, .include("Bron"), .keep),
        ("reporter_relation", .other, .text, .include("Relatie van de melder"), .keep),
        // The reporter's identity is theirs, not the person's: it stays out of the export (AVG art. 15(4)).
        ("reporter_name", .identifying, .text, .omit("the reporter's identity, protected"), .null),
        ("reporter_email", .contact, .text, .omit("the reporter's identity, protected"), .null),
        ("reporter_phone", .contact, .text, .omit("the reporter's identity, protected"), .null),
        ("concern", .freeText, .text, .include("Zorg van de melder"), .blank),
        ("indicators", .specialCategory, .text, .include("Signalen"), .keep),
        ("duration", .other, .text, .include("Hoe lang al"), .keep),
        ("status", .other, .text, .include("Status"), .keep),
        ("follow_up_on", .other, .text, .include("Opnieuw benaderen op"), .keep),
    ])

    static let contactAttempts = table("contact_attempts", kind: "contact_attempt", date: .civil("on_date"),
                                       links: [.parent(table: "signals", column: "signal_id")], [
        ("channel", .other, .text, .include("Kanaal"), .keep),
        ("outcome", .other, .text, .include("Uitkomst"), .keep),
        ("note", .freeText, .text, .include("Notitie"), .blank),
        ("consent_form", .other, .text, .include("Vorm van de toestemming"), .keep),
        ("decline_reason", .freeText, .text, .include("Reden van weigeren"), .null),
        ("follow_up_on", .other, .text, .include("Opnieuw benaderen op"), .keep),
    ])

    static let consents = table("consents", kind: "consent", date: .civil("given_on"), links: [.person(column: "person_id")], [
        ("purpose", .other, .text, .include("Doel"), .keep),
        ("form", .other, .text, .include("Vorm"), .keep),
        ("withdrawn_on", .other, .text, .include("Ingetrokken op"), .keep),
        ("recipient_organisation_id", .other, .organisation, .include("Voor organisatie"), .keep),
        ("expires_on", .other, .text, .include("Geldig tot"), .keep),
        ("superseded_on", .other, .text, .include("Vervangen door een nieuwere toestemming op"), .keep),
    ])

    static let trajectories = table("trajectories", kind: "trajectory", date: .civil("started_on"), links: [.person(column: "person_id")], [
        ("status", .other, .text, .include("Status"), .keep),
        ("phase", .other, .integer, .include("Fase"), .keep),
        ("assessment", .specialCategory, .text, .include("Verkenning en aantekeningen"), .rewrite(.assessmentFreeText)),
        ("closed_on", .other, .text, .include("Afgesloten op"), .keep),
        ("close_reason", .other, .text, .include("Reden van afsluiten"), .keep),
        ("close_note", .freeText, .text, .include("Toelichting bij afsluiten"), .null),
        ("profile", .specialCategory, .text, .omit("a copy of the assessment's profile, which is exported"), .keep),
        ("forms", .specialCategory, .text, .omit("a copy of the assessment's forms, which is exported"), .keep),
    ])

    static let trajectoryEvents = table("trajectory_events", kind: "event", date: .civil("on_date"),
                                        links: [.parent(table: "trajectories", column: "trajectory_id")], [
        ("kind", .other, .text, .include("Soort"), .keep),
        ("text", .freeText, .text, .include("Tekst"), .blank),
    ])

    static let measurements = table("measurements", kind: "measurement", date: .civil("on_date"),
                                    links: [.parent(table: "trajectories", column: "trajectory_id")], [
        ("version", .other, .text, .include("Versie van de schaal"), .keep),
        ("answers", .specialCategory, .text, .include("Antwoorden"), .keep),
        ("total", .specialCategory, .integer, .include("Totaalscore"), .keep),
        ("emotional", .specialCategory, .integer, .include("Score emotionele eenzaamheid"), .keep),
        ("social", .specialCategory, .integer, .include("Score sociale eenzaamheid"), .keep),
    ])

    static let networkMembers = table("network_members", kind: "network_member", date: nil,
                                      links: [.parent(table: "trajectories", column: "trajectory_id")], [
        ("name", .identifying, .text, .include("Naam"), .blank),
        ("relation", .other, .text, .include("Relatie"), .keep),
        ("circle", .other, .integer, .include("Cirkel"), .keep),
        ("frequency", .other, .text, .include("Hoe vaak contact"), .keep),
        ("support", .other, .text, .include("Steun"), .keep),
    ])

    static let goals = table("goals", kind: "goal", date: .civil("due_on"), links: [.parent(table: "trajectories", column: "trajectory_id")], [
        ("description", .freeText, .text, .include("Omschrijving"), .blank),
        ("resource", .other, .text, .include("Hulpbron"), .keep),
        ("status", .other, .text, .include("Status"), .keep),
        ("agreed", .other, .boolean, .include("Afgesproken"), .keep),
    ])

    static let caseContacts = table("case_contacts", kind: "contact", date: .civil("on_date"),
                                    links: [.parent(table: "trajectories", column: "trajectory_id")], [
        ("kind", .other, .text, .include("Soort"), .keep),
        ("minutes", .other, .integer, .include("Minuten"), .keep),
        ("note", .freeText, .text, .include("Notitie"), .blank),
    ])

    static let reminders = table("reminders", kind: "reminder", date: .civil("on_date"),
                                 links: [.parent(table: "trajectories", column: "trajectory_id")], [
        ("note", .freeText, .text, .include("Notitie"), .blank),
        ("done", .other, .boolean, .include("Afgehandeld"), .keep),
    ])

    static let couplingRequests = table("coupling_requests", kind: "buddy_request", date: .civil("waiting_since"),
                                        links: [.parent(table: "trajectories", column: "trajectory_id")], [
        ("interests", .other, .text, .include("Interesses"), .keep),
        ("languages", .other, .text, .include("Talen"), .keep),
        ("availability", .other, .text, .include("Beschikbaarheid"), .keep),
        ("gender", .identifying, .text, .include("Geslacht"), .keep),
        ("preferred_volunteer_gender", .other, .text, .include("Voorkeur voor een vrijwilliger van geslacht"), .keep),
        ("prefers_other_district", .other, .boolean, .include("Liever een vrijwilliger buiten de wijk"), .keep),
        ("excluded", .other, .text, .omit("volunteers' ids, not the person's data"), .keep),
        ("note", .freeText, .text, .include("Notitie"), .blank),
        ("status", .other, .text, .include("Status"), .keep),
    ])

    static let couplings = table("couplings", kind: "coupling", date: .civil("proposed_on"),
                                 links: [.parent(table: "trajectories", column: "trajectory_id")], [
        ("status", .other, .text, .include("Status"), .keep),
        ("person_agreed_on", .other, .text, .include("Akkoord gegeven op"), .keep),
        ("start_on", .other, .text, .include("Gestart op"), .keep),
        ("period_months", .other, .integer, .include("Afgesproken duur in maanden"), .keep),
        // The matching explanation is about the volunteer as much as the person and names no one; it stays internal.
        ("reasons", .other, .text, .omit("the matching explanation, internal"), .keep),
        ("ended_on", .other, .text, .include("Beëindigd op"), .keep),
        ("end_kind", .other, .text, .include("Soort einde"), .keep),
        ("end_reason", .other, .text, .include("Reden van beëindigen"), .keep),
        ("end_note", .freeText, .text, .include("Toelichting bij beëindigen"), .null),
    ])

    static let couplingCheckIns = table("coupling_checkins", kind: "check_in", date: .civil("on_date"),
                                        links: [.parent(table: "couplings", column: "coupling_id")], [
        ("what", .freeText, .text, .include("Wat er gebeurde"), .blank),
        ("how", .other, .text, .include("Hoe het ging"), .keep),
    ])

    static let backupRequests = table("coupling_backup_requests", kind: "backup_request", date: .timestamp("asked_at"),
                                      links: [.parent(table: "couplings", column: "coupling_id")], [
        ("note", .freeText, .text, .include("Vraag van de vrijwilliger"), .blank),
    ])

    static let referrals = table("referrals", kind: "referral", date: .civil("sent_on"),
                                 links: [.parent(table: "trajectories", column: "trajectory_id"), .person(column: "person_id")], [
        ("organisation_id", .other, .organisation, .include("Naar organisatie"), .keep),
        ("person_name", .identifying, .text, .include("Naam"), .blank),
        ("person_phone", .contact, .text, .include("Telefoon"), .blank),
        ("person_birth_year", .identifying, .integer, .include("Geboortejaar"), .null),
        ("request", .freeText, .text, .include("Vraag"), .blank),
        ("status", .other, .text, .include("Status"), .keep),
        ("decline_reason", .other, .text, .include("Reden van afwijzen"), .keep),
        ("outcome_reason", .other, .text, .include("Reden van het resultaat"), .keep),
        ("feedback", .freeText, .text, .include("Terugkoppeling"), .blank),
        ("feedback_consent", .other, .boolean, .include("Toestemming voor terugkoppeling"), .keep),
    ])

    static let referralConsents = table("referral_consents", kind: "referral_consent", date: .civil("recorded_on"),
                                        links: [.parent(table: "referrals", column: "referral_id")], [
        ("recipient_organisation_id", .other, .organisation, .include("Voor organisatie"), .keep),
        ("form", .other, .text, .include("Vorm"), .keep),
        ("withdrawn_on", .other, .text, .include("Ingetrokken op"), .keep),
    ])
}
