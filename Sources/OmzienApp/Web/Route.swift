import Foundation
import OmzienCore

/// Every address Omzien serves, as a type.
///
/// The router registers each route from its `pattern`, and every link, redirect and form `action` is
/// built from its `href`, so a mistyped address does not compile. Path parameters are typed values;
/// the router's placeholder for one is the parameter type's `routeKey` (see `RouteParameter`).
/// `RouteLiteralTests` fails when a path literal appears anywhere else in the sources or templates.
enum Route: Hashable, Sendable {
    // MARK: Public
    case landing
    case healthLive, healthReady, metrics
    /// A file served by `StaticFilesMiddleware`.
    case asset(name: String)
    case login(back: String? = nil)
    case loginCode
    case logout
    case password(token: String)
    case switchLanguage(to: Language?, back: String? = nil)
    case report
    case reportStatus
    case activities(municipality: String? = nil)
    case activity(String)
    case hsdsRoot(municipality: String)
    case hsdsServices(municipality: String)
    case hsdsService(municipality: String, UUID)
    case hsdsOrganizations(municipality: String)
    case hsdsOrganization(municipality: String, UUID)
    case hsdsTaxonomies(municipality: String)
    case hsdsTaxonomyTerms(municipality: String)
    case hsdsServiceAtLocations(municipality: String)

    // MARK: Every signed-in user
    case start
    case twoFactor
    case apiMe

    // MARK: Signals
    case newSignal
    case signals(team: UUID? = nil, overdueOnly: Bool = false)
    case ownSignals(created: String? = nil)
    case signal(UUID)
    case signalContact(UUID)
    case signalMerge(UUID)
    case signalKnownToPartner(UUID)
    case signalTeam(UUID)
    case signalStartTrajectory(UUID)
    case agenda
    case notifications
    case routing
    case routingRuleRemove(UUID)

    // MARK: Trajectories
    case trajectories(team: UUID? = nil, mine: Bool = false, closed: Bool = false)
    case newTrajectory
    case trajectory(UUID, phase: Phase? = nil, scale: DJGVersion? = nil)
    case trajectoryPhase(UUID, to: Phase? = nil)
    case trajectoryNotes(UUID)
    case trajectoryListening(UUID)
    case trajectoryMeasurement(UUID)
    case trajectoryNetwork(UUID)
    case trajectoryNetworkRemove(UUID, member: UUID)
    case trajectoryGoals(UUID)
    case trajectoryGoal(UUID, goal: UUID, status: GoalStatus? = nil)
    case trajectoryContact(UUID)
    case trajectoryReminder(UUID)
    case trajectoryTransfer(UUID)
    case trajectoryClose(UUID)
    case trajectoryReopen(UUID)
    case trajectoryBuddy(UUID)
    case trajectorySuggestions(UUID)
    case trajectoryAudit(UUID)
    case trajectoryConsents(UUID)
    case trajectoryConsentWithdraw(UUID, consent: String)

    // MARK: Volunteers and couplings
    case volunteers
    case volunteer(UUID)
    case waitingList
    case couplingProposal
    case couplingExclude
    case coupling(UUID)
    case couplingPersonAgrees(UUID)
    case couplingWithdraw(UUID)
    case couplingRhythm(UUID)
    case couplingBackupResolved(UUID, backup: UUID)
    case couplingEnd(UUID)
    case myCouplings
    case myCoupling(UUID)
    case myCouplingAgree(UUID)
    case myCouplingCheckIn(UUID)
    case myCouplingBackup(UUID)

    // MARK: Social map and referrals
    case catalogue
    case newCatalogueEntry
    case catalogueEntry(String)
    case catalogueEntryChecked(String)
    case referrals
    case newReferral(activity: String? = nil, trajectory: UUID? = nil)
    case referral(UUID)
    case referralWithdraw(UUID)
    case referralStatus(UUID)
    case referralsReceived

    // MARK: Monitor and evaluation
    case monitor
    case monitorDataset(UUID)
    case monitorTables(UUID)
    case monitorTableCSV(UUID, table: UUID)
    case monitorDelete(UUID)
    case evaluation(year: Int? = nil)
    case evaluationCSV(filters: String? = nil)
    case evaluationReports
    case evaluationReport(year: Int)
    case evaluationReportCSV(year: Int)
    case evaluationReportFinalise(year: Int)

    // MARK: Administration
    case users(role: Role? = nil, search: String? = nil)
    case newUser
    case user(UUID)
    case userResetLink(UUID)
    case userResetSecondFactor(UUID)
    case structure(StructureKind)
    case newStructure(StructureKind)
    case structureItem(StructureKind, UUID)
    case ownMunicipality
    case municipality(code: String)
    case retention
    case retentionDryRun
    case people
    case person(UUID)
    case personExport(UUID)
    case personErase(UUID)
    case audit(user: UUID? = nil, recordType: String? = nil, record: String? = nil)
    case auditUnusual

    /// The districts, teams and partner organisations share one set of administration screens.
    enum StructureKind: String, Hashable, Sendable, CaseIterable {
        case districts = "wijken"
        case teams
        case organisations = "organisaties"
    }
}

// MARK: - Links and patterns

extension Route {
    /// One piece of a path: fixed text or a parameter (`nil` value: the router's placeholder).
    enum Segment: Equatable {
        case fixed(String)
        case parameter(name: String, value: String?)
    }

    /// The address to link to, redirect to or post to: path and query, escaped.
    var href: String { href(fragment: nil) }

    /// The address with one of the page's notices (`?opgeslagen=1`) and/or a fragment (`#doelen`).
    func href(_ notice: Notice? = nil, fragment: String? = nil) -> String {
        var items = query
        if let notice { items.append((notice.key, notice.value)) }
        var result = "/" + segments.map { segment in
            switch segment {
            case .fixed(let text): text
            case .parameter(let name, let value): value.map(Self.escapePathValue) ?? "{\(name)}"
            }
        }.joined(separator: "/")
        if result.count > 1, result.hasSuffix("/") { result.removeLast() }
        if !items.isEmpty {
            result += "?" + items.map { "\($0.0)=\(Self.escapeQueryValue($0.1))" }.joined(separator: "&")
        }
        if let fragment { result += "#" + fragment }
        return result
    }

    /// What the router registers: the path with `{name}` for each parameter, without query.
    var pattern: String {
        "/" + segments.map { segment in
            switch segment {
            case .fixed(let text): text
            case .parameter(let name, _): "{\(name)}"
            }
        }.joined(separator: "/")
    }

    static func escapePathValue(_ value: String) -> String {
        value.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(["/", "?", "#"])) ?? ""
    }

    static func escapeQueryValue(_ value: String) -> String {
        value.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(["-", "_", ".", "~", "/"])) ?? ""
    }
}

/// The short confirmations and problems a page shows after a redirect, one spelling each.
enum Notice: Hashable, Sendable {
    case saved, closed, merged, sent, checked, finalised, deleted, erased, registered, backupAsked, loggedOut, sessionExpired, passwordSet
    /// A form on another page was refused; the page shows which one.
    case problem(String)
    /// A consent was withdrawn; `alsoEnded` says whether other consents that permitted the same ended with it.
    case withdrawn(alsoEnded: Bool)

    var key: String {
        switch self {
        case .saved: "opgeslagen"
        case .closed: "afgesloten"
        case .merged: "samengevoegd"
        case .sent: "verstuurd"
        case .checked: "gecontroleerd"
        case .finalised: "vastgesteld"
        case .deleted: "verwijderd"
        case .erased: "gewist"
        case .registered: "aangemeld"
        case .backupAsked: "hulp"
        case .loggedOut: "uitgelogd"
        case .sessionExpired: "verlopen"
        case .passwordSet: "wachtwoord"
        case .problem: Self.problemKey
        case .withdrawn: "ingetrokken"
        }
    }

    /// The query key of a refused form's problem (`?fout=ritme`).
    static let problemKey = "fout"

    var value: String {
        switch self {
        case .problem(let which): which
        case .withdrawn(let alsoEnded): alsoEnded ? "meer" : "1"
        default: "1"
        }
    }
}
