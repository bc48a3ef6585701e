import Foundation
import OmzienCore

// The spelling of every route's path and query (see `Route`). Path literals live here and in Route.swift only.

/// A path parameter's text in a link; the router's placeholder has none.
private func text(_ id: UUID) -> String? { id == .routeKey ? nil : id.uuidString }

/// A text identifier (catalogue entries keep the ids of the directories they came from); "" is the placeholder.
private func text(_ id: String) -> String? { id.isEmpty ? nil : id }

extension UUID {
    /// Stands for "any id" when a route is registered: `.signal(.routeKey)` registers `/signalen/{id}`.
    static let routeKey = UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0))
}

extension Int {
    /// Stands for "any year" when a route is registered.
    static let routeKey = Int.min
}

extension Route {
    // The one place where paths are spelled. Keep each line one route.
    var segments: [Segment] {
        switch self {
        case .landing: []
        case .healthLive: [.fixed("health"), .fixed("live")]
        case .healthReady: [.fixed("health"), .fixed("ready")]
        case .metrics: [.fixed("metrics")]
        case .asset(let name): [.fixed("static"), .fixed(name)]
        case .login: [.fixed("inloggen")]
        case .loginCode: [.fixed("inloggen"), .fixed("code")]
        case .logout: [.fixed("uitloggen")]
        case .password(let token): [.fixed("wachtwoord"), .parameter(name: "token", value: token.isEmpty ? nil : token)]
        case .switchLanguage(let language, _): [.fixed("taal"), .parameter(name: "language", value: language?.rawValue)]
        case .report: [.fixed("melden")]
        case .reportStatus: [.fixed("melden"), .fixed("status")]
        case .activities: [.fixed("activiteiten")]
        case .activity(let id): [.fixed("activiteiten"), .parameter(name: "id", value: text(id))]
        case .hsdsRoot(let code): Self.hsds(code)
        case .hsdsServices(let code): Self.hsds(code) + [.fixed("services")]
        case .hsdsService(let code, let id): Self.hsds(code) + [.fixed("services"), .parameter(name: "id", value: text(id))]
        case .hsdsOrganizations(let code): Self.hsds(code) + [.fixed("organizations")]
        case .hsdsOrganization(let code, let id): Self.hsds(code) + [.fixed("organizations"), .parameter(name: "id", value: text(id))]
        case .hsdsTaxonomies(let code): Self.hsds(code) + [.fixed("taxonomies")]
        case .hsdsTaxonomyTerms(let code): Self.hsds(code) + [.fixed("taxonomy_terms")]
        case .hsdsServiceAtLocations(let code): Self.hsds(code) + [.fixed("service_at_locations")]

        case .start: [.fixed("start")]
        case .twoFactor: [.fixed("account"), .fixed("tweestaps")]
        case .apiMe: [.fixed("api"), .fixed("v1"), .fixed("me")]

        case .newSignal: [.fixed("signalen"), .fixed("nieuw")]
        case .signals: [.fixed("signalen")]
        case .ownSignals: [.fixed("signalen"), .fixed("mijn")]
        case .signal(let id): Self.signal(id)
        case .signalContact(let id): Self.signal(id) + [.fixed("contact")]
        case .signalMerge(let id): Self.signal(id) + [.fixed("samenvoegen")]
        case .signalKnownToPartner(let id): Self.signal(id) + [.fixed("bekend")]
        case .signalTeam(let id): Self.signal(id) + [.fixed("team")]
        case .signalStartTrajectory(let id): Self.signal(id) + [.fixed("traject")]
        case .agenda: [.fixed("agenda")]
        case .notifications: [.fixed("berichten")]
        case .routing: [.fixed("routering")]
        case .routingRuleRemove(let id): [.fixed("routering"), .parameter(name: "id", value: text(id)), .fixed("verwijderen")]

        case .trajectories: [.fixed("trajecten")]
        case .newTrajectory: [.fixed("trajecten"), .fixed("nieuw")]
        case .trajectory(let id, _, _): Self.trajectory(id)
        case .trajectoryPhase(let id, _): Self.trajectory(id) + [.fixed("fase")]
        case .trajectoryNotes(let id): Self.trajectory(id) + [.fixed("notities")]
        case .trajectoryListening(let id): Self.trajectory(id) + [.fixed("luisteren")]
        case .trajectoryMeasurement(let id): Self.trajectory(id) + [.fixed("meting")]
        case .trajectoryNetwork(let id): Self.trajectory(id) + [.fixed("netwerk")]
        case .trajectoryNetworkRemove(let id, let member):
            Self.trajectory(id) + [.fixed("netwerk"), .parameter(name: "member", value: text(member)), .fixed("verwijderen")]
        case .trajectoryGoals(let id): Self.trajectory(id) + [.fixed("doelen")]
        case .trajectoryGoal(let id, let goal, _): Self.trajectory(id) + [.fixed("doelen"), .parameter(name: "goal", value: text(goal))]
        case .trajectoryContact(let id): Self.trajectory(id) + [.fixed("contact")]
        case .trajectoryReminder(let id): Self.trajectory(id) + [.fixed("herinnering")]
        case .trajectoryTransfer(let id): Self.trajectory(id) + [.fixed("overdragen")]
        case .trajectoryClose(let id): Self.trajectory(id) + [.fixed("afsluiten")]
        case .trajectoryReopen(let id): Self.trajectory(id) + [.fixed("heropenen")]
        case .trajectoryBuddy(let id): Self.trajectory(id) + [.fixed("maatje")]
        case .trajectorySuggestions(let id): Self.trajectory(id) + [.fixed("suggesties")]
        case .trajectoryAudit(let id): Self.trajectory(id) + [.fixed("inzage")]
        case .trajectoryConsents(let id): Self.trajectory(id) + [.fixed("toestemming")]
        case .trajectoryConsentWithdraw(let id, let consent):
            Self.trajectory(id) + [.fixed("toestemming"), .parameter(name: "consent", value: text(consent)), .fixed("intrekken")]

        case .volunteers: [.fixed("vrijwilligers")]
        case .volunteer(let id): [.fixed("vrijwilligers"), .parameter(name: "id", value: text(id))]
        case .waitingList: [.fixed("koppelen")]
        case .couplingProposal: [.fixed("koppelen"), .fixed("voorstel")]
        case .couplingExclude: [.fixed("koppelen"), .fixed("uitsluiten")]
        case .coupling(let id): Self.coupling(id)
        case .couplingPersonAgrees(let id): Self.coupling(id) + [.fixed("akkoord-persoon")]
        case .couplingWithdraw(let id): Self.coupling(id) + [.fixed("intrekken")]
        case .couplingRhythm(let id): Self.coupling(id) + [.fixed("ritme")]
        case .couplingBackupResolved(let id, let backup):
            Self.coupling(id) + [.fixed("hulp"), .parameter(name: "backup", value: text(backup)), .fixed("afgehandeld")]
        case .couplingEnd(let id): Self.coupling(id) + [.fixed("einde")]
        case .myCouplings: [.fixed("mijn-koppelingen")]
        case .myCoupling(let id): Self.myCoupling(id)
        case .myCouplingAgree(let id): Self.myCoupling(id) + [.fixed("akkoord")]
        case .myCouplingCheckIn(let id): Self.myCoupling(id) + [.fixed("contact")]
        case .myCouplingBackup(let id): Self.myCoupling(id) + [.fixed("hulp")]

        case .catalogue: [.fixed("aanbod")]
        case .newCatalogueEntry: [.fixed("aanbod"), .fixed("nieuw")]
        case .catalogueEntry(let id): [.fixed("aanbod"), .parameter(name: "id", value: text(id))]
        case .catalogueEntryChecked(let id): [.fixed("aanbod"), .parameter(name: "id", value: text(id)), .fixed("gecontroleerd")]
        case .referrals: [.fixed("verwijzingen")]
        case .newReferral: [.fixed("verwijzingen"), .fixed("nieuw")]
        case .referral(let id): Self.referral(id)
        case .referralWithdraw(let id): Self.referral(id) + [.fixed("intrekken")]
        case .referralStatus(let id): Self.referral(id) + [.fixed("status")]
        case .referralsReceived: [.fixed("verwijzingen"), .fixed("ontvangen")]

        case .monitor: [.fixed("monitor")]
        case .monitorDataset(let id): Self.dataset(id)
        case .monitorTables(let id): Self.dataset(id) + [.fixed("tabellen")]
        case .monitorTableCSV(let id, let table): Self.dataset(id) + [.fixed("tabellen"), .parameter(name: "table", value: text(table)), .fixed("csv")]
        case .monitorDelete(let id): Self.dataset(id) + [.fixed("verwijderen")]
        case .evaluation: [.fixed("evaluatie")]
        case .evaluationCSV: [.fixed("evaluatie"), .fixed("csv")]
        case .evaluationReports: [.fixed("evaluatie"), .fixed("rapport")]
        case .evaluationReport(let year): Self.report(year)
        case .evaluationReportCSV(let year): Self.report(year) + [.fixed("csv")]
        case .evaluationReportFinalise(let year): Self.report(year) + [.fixed("vaststellen")]

        case .users: [.fixed("beheer"), .fixed("gebruikers")]
        case .newUser: [.fixed("beheer"), .fixed("gebruikers"), .fixed("nieuw")]
        case .user(let id): Self.user(id)
        case .userResetLink(let id): Self.user(id) + [.fixed("herstellink")]
        case .userResetSecondFactor(let id): Self.user(id) + [.fixed("tweestaps-reset")]
        case .structure(let kind): [.fixed("beheer"), .fixed(kind.rawValue)]
        case .newStructure(let kind): [.fixed("beheer"), .fixed(kind.rawValue), .fixed("nieuw")]
        case .structureItem(let kind, let id): [.fixed("beheer"), .fixed(kind.rawValue), .parameter(name: "id", value: text(id))]
        case .ownMunicipality: [.fixed("beheer"), .fixed("gemeente")]
        case .municipality(let code): [.fixed("beheer"), .fixed("gemeenten"), .parameter(name: "code", value: code.isEmpty ? nil : code)]
        case .retention: [.fixed("beheer"), .fixed("bewaartermijnen")]
        case .retentionDryRun: [.fixed("beheer"), .fixed("bewaartermijnen"), .fixed("proef")]
        case .people: [.fixed("beheer"), .fixed("personen")]
        case .person(let id): Self.person(id)
        case .personExport(let id): Self.person(id) + [.fixed("export")]
        case .personErase(let id): Self.person(id) + [.fixed("wissen")]
        case .audit: [.fixed("beheer"), .fixed("audit")]
        case .auditUnusual: [.fixed("beheer"), .fixed("audit"), .fixed("ongebruikelijk")]
        }
    }

    /// The query of links that carry one (filters, the page to return to, the phase to open).
    var query: [(String, String)] {
        switch self {
        case .login(let back), .switchLanguage(_, let back):
            return back.map { [("terug", $0)] } ?? []
        case .activities(let municipality):
            return municipality.map { [("gemeente", $0)] } ?? []
        case .signals(let team, let overdueOnly):
            return (team.map { [("team", $0.uuidString)] } ?? []) + (overdueOnly ? [("te_laat", "1")] : [])
        case .ownSignals(let created):
            return created.map { [("nieuw", $0)] } ?? []
        case .trajectories(let team, let mine, let closed):
            return (team.map { [("team", $0.uuidString)] } ?? []) + (mine ? [("mijn", "1")] : []) + (closed ? [("afgesloten", "1")] : [])
        case .trajectory(_, let phase, let scale):
            return (phase.map { [(Self.phaseKey, String($0.rawValue))] } ?? []) + (scale.map { [("schaal", $0.rawValue)] } ?? [])
        case .trajectoryPhase(_, let phase):
            return phase.map { [(Self.phaseKey, String($0.rawValue))] } ?? []
        case .trajectoryGoal(_, _, let status):
            return status.map { [("status", $0.rawValue)] } ?? []
        case .newReferral(let activity, let trajectory):
            return (activity.map { [("activiteit", $0)] } ?? [])
                + (trajectory.map { [("traject", $0.uuidString)] } ?? [])
        case .evaluation(let year):
            return year.map { [("jaar", String($0))] } ?? []
        case .evaluationCSV(let filters):
            // The dashboard's own filters, passed on as they were validated by the dashboard.
            return filters.map { Self.pairs(of: $0) } ?? []
        case .users(let role, let search):
            return (role.map { [("rol", $0.rawValue)] } ?? []) + (search.map { [("zoek", $0)] } ?? [])
        case .audit(let user, let recordType, let record):
            return (user.map { [("gebruiker", $0.uuidString)] } ?? [])
                + (recordType.map { [("soort", $0)] } ?? []) + (record.map { [("record", $0)] } ?? [])
        default:
            return []
        }
    }

    /// Addresses under this prefix answer errors as JSON problem documents, not pages.
    static let apiRoot = "/api/"

    static let stylesheet = Route.asset(name: "omzien.css")
    static let script = Route.asset(name: "omzien.js")

    /// The one spelling of the phase parameter, for links (`GET`) and buttons (`POST`) alike.
    static let phaseKey = "fase"

    private static func pairs(of query: String) -> [(String, String)] {
        query.split(separator: "&").map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1).map { String($0).removingPercentEncoding ?? String($0) }
            return (parts[0], parts.count > 1 ? parts[1] : "")
        }
    }

    private static func hsds(_ code: String) -> [Segment] { [.fixed("hsds"), .parameter(name: "municipality", value: code.isEmpty ? nil : code)] }
    private static func signal(_ id: UUID) -> [Segment] { [.fixed("signalen"), .parameter(name: "id", value: text(id))] }
    private static func trajectory(_ id: UUID) -> [Segment] { [.fixed("trajecten"), .parameter(name: "id", value: text(id))] }
    private static func coupling(_ id: UUID) -> [Segment] { [.fixed("koppelingen"), .parameter(name: "id", value: text(id))] }
    private static func myCoupling(_ id: UUID) -> [Segment] { [.fixed("mijn-koppelingen"), .parameter(name: "id", value: text(id))] }
    private static func referral(_ id: UUID) -> [Segment] { [.fixed("verwijzingen"), .parameter(name: "id", value: text(id))] }
    private static func dataset(_ id: UUID) -> [Segment] { [.fixed("monitor"), .parameter(name: "id", value: text(id))] }
    private static func report(_ year: Int) -> [Segment] {
        [.fixed("evaluatie"), .fixed("rapport"), .parameter(name: "year", value: year == .routeKey ? nil : String(year))]
    }
    private static func user(_ id: UUID) -> [Segment] { [.fixed("beheer"), .fixed("gebruikers"), .parameter(name: "id", value: text(id))] }
    private static func person(_ id: UUID) -> [Segment] { [.fixed("beheer"), .fixed("personen"), .parameter(name: "id", value: text(id))] }
}
