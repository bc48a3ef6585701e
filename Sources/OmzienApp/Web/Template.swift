import Foundation
import Mustache

/// Every page template, by name: a page can only be rendered with a template that exists, and the
/// renderer checks at start that each of them (and each partial) was loaded, so a missing file stops
/// the start with its name instead of failing on the first request that needs it.
public enum Template: String, CaseIterable, Sendable {
    case agenda
    case auditUnusual = "audit_unusual"
    case caseload
    case catalogueEdit = "catalogue_edit"
    case catalogueList = "catalogue_list"
    case consents
    case home
    case landing
    case notifications
    case partnerSignal = "partner_signal"
    case publicActivity = "public_activity"
    case publicCatalogue = "public_catalogue"
    case queue
    case recordAudit = "record_audit"
    case referral
    case referrals
    case rightsExport = "rights_export"
    case rightsPerson = "rights_person"
    case rightsSearch = "rights_search"
    case routing
    case signalDetail = "signal_detail"
    case signalDone = "signal_done"
    case signalEmergency = "signal_emergency"
    case signalStatus = "signal_status"
    case signalStep = "signal_step"
    case suggestions
    case trajectory
    case twofactor
    case twofactorDone = "twofactor_done"
}

/// The pieces templates include (`{{>form}}`) or wrap themselves in (`{{<layout}}`).
enum Partial: String, CaseIterable, Sendable {
    case form
    case layout
    case table
}

/// A template file that the code expects but the templates folder lacks.
struct MissingTemplateError: Error, CustomStringConvertible {
    let names: [String]
    var description: String { "missing templates in Resources/templates: " + names.joined(separator: ", ") }
}

extension MustacheLibrary {
    /// Fails with the names of every page template and partial that was not loaded.
    func checkComplete() throws {
        let missing = Template.allCases.map(\.rawValue).filter { getTemplate(named: $0) == nil }
            + Partial.allCases.map(\.rawValue).filter { getTemplate(named: $0) == nil }
        if !missing.isEmpty { throw MissingTemplateError(names: missing) }
    }
}
