import FluentKit
import Foundation
import OmzienCore

public struct EvaluationReportRepository: Sendable {
    let db: @Sendable () -> any Database
    public init(databaseService: DatabaseService) { self.db = { databaseService.database } }

    public func reports(municipalityID: UUID) async throws -> [EvaluationReport] {
        try await EvaluationReportModel.query(on: db()).filter(\.$municipality.$id == municipalityID).sort(\.$year, .descending).all().map(Self.record)
    }

    public func report(year: Int, municipalityID: UUID) async throws -> EvaluationReport? {
        try await model(year: year, municipalityID: municipalityID).map(Self.record)
    }

    /// Saves the commentary of a draft; refused once the report is final. One report per municipality and year
    /// (a unique index): a save that loses the race to create the draft updates the winner's draft instead.
    public func saveCommentary(_ commentary: [String: String], year: Int, municipalityID: UUID, by user: UUID) async throws {
        try await retryingOnceOnUniqueConflict { try await writeCommentary(commentary, year: year, municipalityID: municipalityID, by: user) }
    }

    private func writeCommentary(_ commentary: [String: String], year: Int, municipalityID: UUID, by user: UUID) async throws {
        let model = try await model(year: year, municipalityID: municipalityID) ?? Self.newModel(year: year, municipalityID: municipalityID)
        guard model.status != "final" else { throw EvaluationReportError.alreadyFinal }
        model.commentary = String(decoding: try JSONEncoder().encode(commentary), as: UTF8.self)
        model.updatedBy = user
        try await model.save(on: db())
    }

    /// Freezes the report with its figures as they are now. The update only succeeds on a draft, so two
    /// analysts finalising at once cannot overwrite each other's snapshot.
    public func finalise(_ content: EvaluationReportContent, commentary: [String: String], municipalityID: UUID, by user: UUID, at date: Date) async throws {
        try await saveCommentary(commentary, year: content.year, municipalityID: municipalityID, by: user)
        let snapshot = String(decoding: try Self.encoder.encode(content), as: UTF8.self)
        try await EvaluationReportModel.query(on: db())
            .filter(\.$municipality.$id == municipalityID).filter(\.$year == content.year).filter(\.$status == "draft")
            .set(\.$status, to: "final").set(\.$snapshot, to: snapshot).set(\.$finalisedAt, to: date).set(\.$finalisedBy, to: user)
            .update()
        guard let stored = try await model(year: content.year, municipalityID: municipalityID), stored.snapshot == snapshot else {
            throw EvaluationReportError.alreadyFinal
        }
    }

    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }()

    func model(year: Int, municipalityID: UUID) async throws -> EvaluationReportModel? {
        try await EvaluationReportModel.query(on: db()).filter(\.$municipality.$id == municipalityID).filter(\.$year == year).first()
    }

    static func newModel(year: Int, municipalityID: UUID) -> EvaluationReportModel {
        let model = EvaluationReportModel()
        model.$municipality.id = municipalityID
        model.year = year
        model.status = "draft"
        model.commentary = "{}"
        return model
    }

    static func record(_ model: EvaluationReportModel) throws -> EvaluationReport {
        let commentary = (try? JSONDecoder().decode([String: String].self, from: Data(model.commentary.utf8))) ?? [:]
        let content = try model.snapshot.map { try JSONDecoder().decode(EvaluationReportContent.self, from: Data($0.utf8)) }
        return EvaluationReport(year: model.year, commentary: commentary, isFinal: model.status == "final", content: content,
                                finalisedAt: model.finalisedAt, finalisedBy: model.finalisedBy)
    }
}
