import Foundation
import OmzienCore

/// One person's data with the audit trail of who looked at it, ready for the export page, the JSON file
/// and the erasure.
struct PersonData {
    let personID: UUID
    let municipalityID: UUID
    let record: PersonDataRecord
    let audit: [AuditEntry]

    static func gather(_ person: Person, services: AppServices, municipalityID: UUID) async throws -> PersonData {
        let repository = PersonDataRepository(databaseService: services.database)
        guard let record = try await repository.gather(personID: person.id, municipalityID: municipalityID) else { throw AppError.notFound }
        var audit: [AuditEntry] = []
        for id in record.recordIDs {
            audit += try await services.auditTrail.entries(AuditQuery(municipalityID: municipalityID, recordID: id, limit: 5000))
        }
        return PersonData(personID: person.id, municipalityID: municipalityID, record: record, audit: audit.sorted { $0.at > $1.at })
    }

    /// Why the data may not be erased now: an open trajectory or a running coupling is still care in progress.
    var erasureBlocker: String? {
        if record.openTrajectories > 0 { return "open_trajectory" }
        if record.runningCouplings > 0 { return "running_coupling" }
        return nil
    }

    func summaryLines(renderer: Renderer, language: Language) -> [String] {
        Dictionary(grouping: record.items, by: \.kind).sorted { $0.key < $1.key }.map {
            renderer.text("rights_kind_\($0.key)", language) + ": \($0.value.count)"
        } + [renderer.text("rights_audit_count", language, String(audit.count))]
    }

    /// The readable export: the person, each item in date order, and who viewed or changed the record.
    func sections(renderer: Renderer, language: Language) -> [RightsExportPage.Section] {
        let person = RightsExportPage.Section(heading: renderer.text("rights_section_person", language),
                                              rows: Self.rows(record.person, table: PersonalDataRegistry.persons))
        let items = record.items.sorted { ($0.kind, $0.date) < ($1.kind, $1.date) }.map { item in
            RightsExportPage.Section(
                heading: "\(renderer.text("rights_kind_\(item.kind)", language)) \(CivilDate(item.date).map { DateText.long($0, language) } ?? item.date)",
                rows: PersonalDataRegistry.table(kind: item.kind).map { Self.rows(item.fields, table: $0) } ?? [])
        }
        let audit = RightsExportPage.Section(
            heading: renderer.text("rights_section_audit", language),
            rows: self.audit.map {
                RightsExportPage.Row(term: DateText.moment($0.at, language),
                                     value: "\($0.actorLabel) — \(renderer.text("audit_action_\($0.action.rawValue)", language)) \($0.recordType) \($0.detail)")
            })
        return [person] + items + [audit]
    }

    /// The fields in the registry's order, each under its Dutch label.
    static func rows(_ fields: [String: String], table: PersonalTable) -> [RightsExportPage.Row] {
        table.columns.compactMap { column in
            guard let label = column.exportLabel, let value = fields[column.column] else { return nil }
            return RightsExportPage.Row(term: label, value: value)
        }
    }

    func json() throws -> Data {
        struct Export: Encodable {
            let exportedAt: Date
            let person: [String: String]
            let items: [PersonDataRecord.Item]
            let accessLog: [Access]
        }
        struct Access: Encodable { let at: Date; let who: String; let action: String; let recordType: String; let detail: String }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.dateEncodingStrategy = .iso8601
        return try encoder.encode(Export(
            exportedAt: Date(), person: record.person, items: record.items,
            accessLog: audit.map { Access(at: $0.at, who: $0.actorLabel, action: $0.action.rawValue, recordType: $0.recordType, detail: $0.detail) }))
    }

    func erase(services: AppServices) async throws -> String {
        let counts = try await PersonDataRepository(databaseService: services.database).erase(personID: personID, municipalityID: municipalityID)
        return counts.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",")
    }
}
