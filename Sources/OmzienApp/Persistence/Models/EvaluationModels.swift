import FluentKit
import Foundation
import OmzienCore
import SQLKit

/// A yearly evaluation report: the analysts' commentary while it is a draft, and once finalised the
/// figures exactly as they were (so later corrections in the casework do not change a published report).
final class EvaluationReportModel: Model, @unchecked Sendable {
    static let schema = "evaluation_reports"
    @ID var id: UUID?
    @Parent(key: "municipality_id") var municipality: MunicipalityModel
    @Field(key: "year") var year: Int
    /// Section → commentary, as JSON.
    @Field(key: "commentary") var commentary: String
    @Field(key: "status") var status: String
    /// The report's contents at finalisation (JSON of `EvaluationReportContent`); nil while a draft.
    @OptionalField(key: "snapshot") var snapshot: String?
    @OptionalField(key: "finalised_at") var finalisedAt: Date?
    @OptionalField(key: "finalised_by") var finalisedBy: UUID?
    @Field(key: "updated_by") var updatedBy: UUID
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?
    init() {}
}

extension TrajectoryModel {
    /// Keeps the columns the evaluation groups by in step with the assessment.
    func setEvaluationCopies(_ assessment: Assessment) {
        profile = assessment.profile?.rawValue
        forms = assessment.forms.isEmpty ? nil : "," + assessment.forms.map(\.rawValue).sorted().joined(separator: ",") + ","
    }
}
