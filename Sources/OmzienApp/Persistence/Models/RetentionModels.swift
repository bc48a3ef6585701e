import FluentKit
import Foundation

final class RetentionSettingsModel: Model, @unchecked Sendable {
    static let schema = "retention_settings"
    @ID var id: UUID?
    @Parent(key: "municipality_id") var municipality: MunicipalityModel
    @Field(key: "uncontacted_months") var uncontactedMonths: Int
    @Field(key: "declined_months") var declinedMonths: Int
    @Field(key: "closed_trajectory_months") var closedTrajectoryMonths: Int
    init() {}
}

final class RetentionLogModel: Model, @unchecked Sendable {
    static let schema = "retention_log"
    @ID var id: UUID?
    @Parent(key: "municipality_id") var municipality: MunicipalityModel
    @Field(key: "ran_at") var ranAt: Date
    @Field(key: "kind") var kind: String
    @Field(key: "count") var count: Int
    @Field(key: "dry_run") var dryRun: Bool
    @Field(key: "by") var by: String
    init() {}
}

/// A claim on a periodic job: the unique key lets exactly one app instance run it per period.
final class JobClaimModel: Model, @unchecked Sendable {
    static let schema = "job_claims"
    @ID var id: UUID?
    @Field(key: "job") var job: String
    @Field(key: "period") var period: String
    @Field(key: "claimed_at") var claimedAt: Date
    init() {}
}
