import Foundation
import Hummingbird
import OmzienCore

/// "Who viewed or changed this record": the audit trail of one person's file (the trajectory, the signal
/// it came from, the person, couplings and referrals), for coordinators. Looking at it is audited too.
struct RecordAuditController {
    let services: AppServices
    var renderer: Renderer { services.renderer }

    func addRoutes(to group: RouterGroup<StaffRequestContext>) {
        group.get(.trajectoryAudit(.routeKey), use: show)
    }

    @Sendable func show(_ request: Request, context: StaffRequestContext) async throws -> Response {
        guard context.user.account.role == .coordinator else { throw AppError.forbidden }
        let (trajectory, person) = try await TrajectoryAccess(services: services).load(context)
        let language = context.language
        let t = { (key: String) in renderer.text(key, language) }
        let municipalityID = context.municipalityID
        var recordIDs = [trajectory.id.uuidString, person.id.uuidString]
        if let signal = trajectory.signalID { recordIDs.append(signal.uuidString) }
        recordIDs += try await services.couplings.couplings(municipalityID: municipalityID, trajectoryID: trajectory.id).map(\.id.uuidString)
        recordIDs += try await services.referrals.referrals(municipalityID: municipalityID, .init(trajectoryID: trajectory.id)).map(\.id.uuidString)
        var entries: [AuditEntry] = []
        for id in recordIDs {
            entries += try await services.auditTrail.entries(AuditQuery(municipalityID: municipalityID, recordID: id, limit: 1000))
        }
        entries.sort { $0.at > $1.at }
        try await services.audit.record(.read, "trajectory", id: trajectory.id.uuidString, detail: "audit view", context: context)
        let table = TableView(
            caption: t("record_audit_title"),
            headers: [t("audit_when"), t("audit_who"), t("audit_action"), t("audit_record"), t("audit_detail")],
            rows: entries.map { entry in
                TableView.Row(cells: [
                    .init(text: DateText.moment(entry.at, language), href: nil), .init(text: entry.actorLabel, href: nil),
                    .init(text: t("audit_action_\(entry.action.rawValue)"), href: nil), .init(text: entry.recordType, href: nil),
                    .init(text: entry.detail, href: nil),
                ])
            },
            emptyText: t("audit_empty"))
        let page = RecordAuditPage(
            table: table, back: .init(label: renderer.text("coupling_back_trajectory", language, person.name), route: .trajectory(trajectory.id)))
        return renderer.page(page, title: renderer.text("record_audit_heading", language, person.name), context: context, request: request)
    }
}

/// One person's file's audit trail, newest first, with the way back to the trajectory.
struct RecordAuditPage: PageContent {
    let table: TableView
    let back: Chrome.Link

    func main(_ t: Texts, _ chrome: Chrome) -> HTML {
        """
        <p><a href="\(back.href)">\(back.label)</a></p>
        <h1>\(chrome.title)</h1>
        <p>\(t["record_audit_intro"])</p>
        <div id="inzage">\(table.html(t))</div>
        """
    }
}
