import FluentKit
import Foundation
import Hummingbird
import HummingbirdTesting
import OmzienCore
import SQLKit
import Testing
@testable import OmzienApp

/// The registry against the live schema, and the export, anonymisation and erasure it drives, on a person
/// with every field filled through the app's own repositories.
@Suite struct PersonalDataRegistryTests {
    /// Columns of the registry's tables that are not the person's data, by table. Everything else in those
    /// tables must be declared in `PersonalDataRegistry`.
    static let nonPersonalColumns: [String: Set<String>] = {
        // Row ids, the tenant, team and district, staff references (the staff member's id, not the person's data),
        // and the bookkeeping timestamps every table has.
        let common: Set<String> = ["id", "municipality_id", "team_id", "district_id", "created_at", "updated_at"]
        let perTable: [String: Set<String>] = [
            "persons": [],
            // Links to the reporter's account and organisation, calendar dates used for deadlines and statistics, the merge link.
            "signals": ["person_id", "reporter_user_id", "reporter_organisation_id", "received_at", "received_on", "contact_due", "merged_into"],
            // The item date (exported as the heading) and the staff member who recorded it.
            "contact_attempts": ["signal_id", "on_date", "recorded_by"],
            "consents": ["person_id", "given_on", "recorded_by"],
            // The professional, the signal it came from, the item date and the planning date.
            "trajectories": ["person_id", "professional_id", "signal_id", "started_on", "next_action_on"],
            "trajectory_events": ["trajectory_id", "on_date", "by_user"],
            "measurements": ["trajectory_id", "on_date"],
            "network_members": ["trajectory_id"],
            "goals": ["trajectory_id", "due_on"],
            "case_contacts": ["trajectory_id", "on_date", "by_user"],
            "reminders": ["trajectory_id", "on_date"],
            "coupling_requests": ["trajectory_id", "waiting_since", "created_by"],
            // The volunteer's id and agreement date are the volunteer's; the score and terms are matching bookkeeping.
            "couplings": ["request_id", "trajectory_id", "volunteer_id", "person_agreement_by", "volunteer_agreed_on", "proposed_on",
                          "checkin_days", "goal_ids", "score"],
            "coupling_checkins": ["coupling_id", "on_date", "by_user"],
            "coupling_backup_requests": ["coupling_id", "asked_at", "resolved_at", "resolved_by"],
            // The activity, the referring staff member, the person link and the step dates.
            "referrals": ["activity_id", "trajectory_id", "goal_id", "person_id", "referrer_id", "sent_on", "answered_on", "started_on", "completed_on"],
            "referral_consents": ["referral_id", "recorded_by", "recorded_on"],
        ]
        return perTable.mapValues { $0.union(common) }
    }()

    /// Tables that hold nothing about the people Omzien supports, each with why.
    static let tablesWithoutThePersonsData: Set<String> = [
        "_fluent_migrations", "settings", "job_claims", "evaluation_state",  // bookkeeping
        "municipalities", "districts", "teams", "team_districts", "organisations", "routing_rules",  // the organisation's structure
        // Staff and volunteers' own data: managed with their accounts, not part of a resident's record.
        "users", "regional_grants", "password_tokens", "login_throttles", "persisted_values", "volunteer_profiles",
        // Who looked at what: append-only by law; the export shows it as the access log, erasure keeps it.
        "audit_events",
        // Survey microdata has its own keeping time (the monitor) and holds no one Omzien supports by name.
        "monitor_datasets", "monitor_microdata", "monitor_tables",
        "catalogue_activities", "organisation_profiles",  // the social map
        "retention_settings", "retention_log", "evaluation_reports",  // settings and aggregate counts
    ]

    /// Table → columns, as the migrated database has them.
    static func liveSchema(_ app: TestApp) async throws -> [String: Set<String>] {
        let sql = app.services.database.sql
        var schema: [String: Set<String>] = [:]
        if sql.dialect.name == "postgresql" {
            let rows = try await sql.raw("""
                SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = current_schema()
                """).all()
            for row in rows {
                schema[try row.decode(column: "table_name", as: String.self), default: []].insert(try row.decode(column: "column_name", as: String.self))
            }
        } else {
            let tables = try await sql.raw("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all()
            for table in try tables.map({ try $0.decode(column: "name", as: String.self) }) {
                for column in try await sql.raw("SELECT name FROM pragma_table_info(\(bind: table))").all() {
                    schema[table, default: []].insert(try column.decode(column: "name", as: String.self))
                }
            }
        }
        return schema
    }

    @Test func everyColumnOfTheLiveSchemaIsDeclaredPersonalOrNot() async throws {
        let app = try await TestApp.make()
        try await app.run { _ in
            let schema = try await Self.liveSchema(app)
            #expect(schema["persons"]?.contains("name") == true, "the schema was read")
            for (table, columns) in schema.sorted(by: { $0.key < $1.key }) {
                guard let registered = PersonalDataRegistry.table(named: table) else {
                    #expect(Self.tablesWithoutThePersonsData.contains(table), "table \(table) is neither in the registry nor listed as without the person's data")
                    continue
                }
                let declared = Set(registered.columns.map(\.column))
                let undeclared = columns.subtracting(declared).subtracting(Self.nonPersonalColumns[table] ?? [])
                #expect(undeclared.isEmpty, "\(table): \(undeclared.sorted()) not in PersonalDataRegistry nor listed as non-personal")
                #expect(declared.subtracting(columns).isEmpty, "\(table): the registry names columns the database lacks: \(declared.subtracting(columns).sorted())")
                #expect(declared.isDisjoint(with: Self.nonPersonalColumns[table] ?? []), "\(table): declared personal and non-personal at once")
            }
            for table in PersonalDataRegistry.tables { #expect(schema[table.name] != nil, "registry table \(table.name) exists") }
        }
    }

    /// A person with every field the registry exports filled in, through the repositories the controllers use.
    /// Returns the person and their trajectory.
    static func fullyFilledPerson(_ app: TestApp) async throws -> (personID: UUID, trajectoryID: UUID) {
        let services = app.services
        let today = services.clock.today
        let professional = try await app.user("professional@lindewaard.example")
        let volunteer = try await app.user("volunteer@lindewaard.example")
        var draft = SignalFixtures.draft()
        draft.phone = "06-11112222"
        let signal = try await SignalFixtures.signalInProfessionalsTeam(app, draft: draft)
        try await services.signals.setKnownToPartner(true, personID: signal.personID)
        // Consent first, then a later refusal: the signal keeps the refusal's follow-up date.
        try await services.signals.record(
            ContactAttempt(id: UUID(), onDate: today, channel: .visit, outcome: .consented, note: "Koffie gedronken", consentForm: .written,
                           declineReason: nil, recordedBy: professional.id), signal: signal, followUpOn: nil)
        try await services.signals.record(
            ContactAttempt(id: UUID(), onDate: today, channel: .phone, outcome: .declined, note: "Belde terug", consentForm: nil,
                           declineReason: "Wil eerst zelf rondkijken", recordedBy: professional.id), signal: signal, followUpOn: today.adding(months: 3))
        let activities = try await CatalogueWebTests.seeded(app)
        let activity = try #require(activities.first)
        let organisationID = try #require(UUID(uuidString: activity.organisationID))
        try await services.consents.record(personID: signal.personID, purpose: .shareWithProvider, recipient: organisationID, form: .written,
                                           on: today, expiresOn: today.adding(months: 12), by: professional.id)
        let consent = try #require(try await services.consents.entries(personID: signal.personID).first { $0.grant.purpose == .shareWithProvider })
        try await services.consents.withdraw(consentID: try #require(UUID(uuidString: consent.grant.id)), personID: signal.personID, on: today)
        // A consent replaced by a newer one of the same scope, so `superseded_on` is filled.
        for form in [ConsentForm.verbal, .written] {
            try await services.consents.record(personID: signal.personID, purpose: .contactByPartner, recipient: nil, form: form, on: today,
                                               expiresOn: nil, by: professional.id)
        }

        let trajectories = services.trajectories
        let trajectory = try await trajectories.start(
            municipalityID: signal.municipalityID, personID: signal.personID, teamID: signal.teamID, professionalID: professional.id,
            signalID: signal.id, on: today, by: professional.id)
        let answers = Dictionary(uniqueKeysWithValues: DJGVersion.eleven.items.map { ($0, Optional(DJGAnswer.yes)) })
        try await trajectories.addMeasurement(trajectory.id, on: today, answers: answers, score: DJGScoring(version: .eleven).score(answers))
        try await trajectories.addMember(trajectory.id, NetworkMap.Member(name: "Buurvrouw Els", relation: .neighbour, circle: 2, frequency: .weekly,
                                                                          support: [.practical]))
        try await trajectories.addGoal(trajectory.id, description: "Naar de koffieochtend", resource: .volunteer, dueOn: today.adding(months: 2), agreed: true)
        try await trajectories.addContact(trajectory.id, CaseContact(onDate: today, kind: .visit, minutes: 30, note: "Fotoalbum bekeken"), by: professional.id)
        try await trajectories.addReminder(trajectory.id, on: today.adding(months: 1), note: "Bellen over de koffieochtend")

        let couplings = services.couplings
        let hopes = CouplingRequest(id: UUID(), municipalityID: signal.municipalityID, trajectoryID: trajectory.id, interests: [.walking],
                                    languages: ["nl"], availability: [Slot(day: 1, part: .morning)!], gender: .woman, preferredVolunteerGender: .woman,
                                    prefersOtherDistrict: true, excluded: [], note: "Liefst iemand die van wandelen houdt", waitingSince: today,
                                    status: .waiting)
        let requestID = try await couplings.addRequest(trajectory: trajectory, hopes: hopes, createdBy: professional.id)
        let request = try #require(try await couplings.request(id: requestID, municipalityID: signal.municipalityID))
        let compatibility = CouplingRules.assess(CouplingCandidate(id: trajectory.id.uuidString, waitingSince: today),
                                                 VolunteerDetails().profile(id: volunteer.id, activeCouplings: 0), today: today)
        let couplingID = try await couplings.propose(request: request, volunteerID: volunteer.id, compatibility: compatibility, goalIDs: [],
                                                     periodMonths: 12, checkinDays: 14, on: today)
        try await couplings.agree(couplingID: couplingID, person: true, by: professional.id, on: today)
        try await couplings.agree(couplingID: couplingID, person: false, by: volunteer.id, on: today)
        try await couplings.addCheckIn(CouplingCheckIn(onDate: today, what: "Rondje park", how: .good, byUser: volunteer.id), couplingID: couplingID)
        try await couplings.askBackup(couplingID: couplingID, note: "Ze klonk verward", at: services.clock.now())
        try await couplings.end(couplingID: couplingID, on: today, kind: .early, reason: "moved", note: "Verhuisd naar haar dochter")

        // Two referrals: one declined and one unsuccessful, so both reasons are filled.
        for (status, feedback) in [(ReferralStatus.declined, "Vol"), (.unsuccessful, "Kwam twee keer niet")] {
            let id = try await services.referrals.create(
                NewReferral(activity: activity, trajectoryID: trajectory.id, referrerID: professional.id, personName: "Truus Bakker",
                            personPhone: "06-11112222", personBirthYear: 1941, request: "Graag een plek aan tafel", consentForm: .written,
                            feedbackConsent: true),
                municipalityID: signal.municipalityID, on: today)
            if status == .unsuccessful {
                try await services.referrals.move(id, to: .accepted, reason: nil, feedback: "", on: today)
                try await services.referrals.move(id, to: .started, reason: nil, feedback: "", on: today)
            }
            try await services.referrals.move(id, to: status, reason: .other, feedback: feedback, on: today)
        }
        // No screen withdraws a referral's own consent yet; the column exists for it.
        try await app.services.database.sql.update("referral_consents").set("withdrawn_on", to: today.description).run()

        try await trajectories.update(trajectory.id, on: today, kind: "closed", text: "goals_met", by: professional.id) {
            $0.phase = .review
            $0.assessment.situation = "Woont alleen sinds de dood van Piet."
            $0.assessment.forms = [.emotional]
            $0.isOpen = false
            $0.closedOn = today
            $0.closeReason = .goalsMet
            $0.closeNote = "Gaat nu zelf naar de koffieochtend"
        }
        return (signal.personID, trajectory.id)
    }

    struct Export: Decodable {
        struct Item: Decodable { let kind: String; let id: String; let fields: [String: String] }
        let person: [String: String]
        let items: [Item]
    }

    @Test func theExportShowsEveryRegistryFieldAndErasureLeavesNoRow() async throws {
        try await TestApp.withBrowser { app, browser in
            let (personID, _) = try await Self.fullyFilledPerson(app)
            try await browser.login("admin@lindewaard.example")
            let path = "/beheer/personen/\(personID)"
            let json = try await browser.post(path + "/export", [("format", "json"), ("confirm_password", DemoData.password)], tokenFrom: path)
            let export = try JSONDecoder().decode(Export.self, from: Data(json.body.utf8))
            for table in PersonalDataRegistry.tables {
                for column in table.columns where column.exportLabel != nil {
                    let shown = table.kind.map { kind in export.items.contains { $0.kind == kind && $0.fields[column.column]?.isEmpty == false } }
                        ?? (export.person[column.column]?.isEmpty == false)
                    #expect(shown, "\(table.name).\(column.column) is filled but not in the export")
                }
            }
            #expect(!json.contains("Henk Buurman") && !json.contains("buurman@example.nl"), "the reporter's identity stays out")
            let recipient = try #require(export.items.first { $0.kind == "consent" && $0.fields["recipient_organisation_id"] != nil })
            #expect(UUID(uuidString: recipient.fields["recipient_organisation_id"]!) == nil, "the organisation by name, not by id")
            let html = try await browser.post(path + "/export", [("format", "html"), ("confirm_password", DemoData.password)], tokenFrom: path)
            for label in Set(PersonalDataRegistry.columns.compactMap(\.exportLabel)) { #expect(html.contains(label), "label \(label) on the page") }

            let erased = try await browser.post(path + "/wissen", [("confirm_password", DemoData.password)], tokenFrom: path)
            #expect(erased.status == .seeOther)
            let sql = app.services.database.sql
            for item in export.items {
                let table = try #require(PersonalDataRegistry.table(kind: item.kind))
                let left = try await sql.select().column("id").from(table.name).where("id", .equal, try #require(UUID(uuidString: item.id))).all()
                #expect(left.isEmpty, "\(table.name) row \(item.id) survived the erasure")
            }
            #expect(try await sql.select().column("id").from("persons").where("id", .equal, personID).all().isEmpty)
        }
    }

    @Test func anonymisationAppliesEveryRegistryRuleAndKeepsTheRest() async throws {
        let clock = ManualClock(ISO8601DateFormatter().date(from: "2024-01-08T09:00:00Z")!)
        try await TestApp.withBrowser(clock: clock.clock) { app, _ in
            let (personID, trajectoryID) = try await Self.fullyFilledPerson(app)
            let sql = app.services.database.sql
            let store = PersonalDataStore(sql: sql)
            let scope = try await store.scope(personID: personID)
            let organisations = try await store.organisationNames()
            var before: [String: [ExportedRow]] = [:]
            for table in PersonalDataRegistry.tables { before[table.name] = try await store.exported(table, ids: scope.ids(table.name), organisations: organisations) }

            clock.advance(days: 800)
            let municipalityID = try await app.municipality("GM9901").id
            _ = try await app.services.retention.apply(municipalityID: municipalityID, settings: RetentionSettings(), today: clock.clock.today,
                                                       now: clock.clock.now(), dryRun: false, by: "test")
            // Consents hang from the person, not from the trajectory or signal that retention anonymises (and keep every column anyway).
            for table in PersonalDataRegistry.tables where !scope.ids(table.name).isEmpty && table.name != "consents" {
                let select = sql.select().column("id").from(table.name).where("id", .in, scope.ids(table.name))
                for column in table.columns { select.column(column.column) }
                let rows = try await select.all()
                #expect(rows.count == scope.ids(table.name).count, "\(table.name): anonymisation deletes no row")
                for row in rows {
                    let id = try row.decode(column: "id", as: UUID.self)
                    let old = try #require(before[table.name]?.first { $0.id == id })
                    // Statuses move by the retention rule itself (a signal becomes "anonymised"), not by the column rules.
                    for column in table.columns where column.stored == .text && column.column != "status" {
                        let value = try row.decode(column: column.column, as: String?.self)
                        switch column.anonymisation {
                        case .blank: #expect(value == "", "\(table.name).\(column.column) blanked")
                        case .null: #expect(value == nil, "\(table.name).\(column.column) emptied")
                        case .marker(let text): #expect(value == text, "\(table.name).\(column.column) marked")
                        case .rewrite(let rewrite):
                            if let stored = old.fields[column.column] { #expect(value == rewrite.apply(stored), "\(table.name).\(column.column) rewritten") }
                        case .keep:
                            if let stored = old.fields[column.column] { #expect(value == stored, "\(table.name).\(column.column) kept") }
                        }
                    }
                }
            }
            let closed = try #require(try await app.services.trajectories.trajectory(id: trajectoryID, municipalityID: municipalityID))
            #expect(closed.assessment.situation.isEmpty && closed.assessment.forms == [.emotional])
        }
    }
}
