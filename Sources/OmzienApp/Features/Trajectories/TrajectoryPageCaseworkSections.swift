import Foundation
import OmzienCore

// Sections of the trajectory page (see `TrajectoryPage`). Each one is a typed view model that draws its own
// part of the page; the ones that need data load it themselves (`load`).

/// Always available on an open trajectory: the contact log, reminders and the transfer to a colleague.
struct CaseworkSection {
    let contactForm: FormView?
    let reminderForm: FormView?
    let transferForm: FormView?
    let reminders: [String]

    static func load(_ page: TrajectoryPageInput, users: [UserAccount], today: CivilDate,
                     repository: TrajectoryRepository) async throws -> CaseworkSection {
        let reminders = try await repository.reminders(page.id).filter { !$0.done }.map { "\($0.onDate) — \($0.note)" }
        return CaseworkSection(page, users: users, today: today, reminders: reminders)
    }

    init(_ page: TrajectoryPageInput, users: [UserAccount], today: CivilDate, reminders: [String]) {
        let (phase, form, errors, id, open, csrf, t, options) = (page.phase, page.form, page.errors, page.id, page.open, page.csrf, page.t, page.options)
        contactForm = open ? FormView(
            action: .trajectoryContact(id), submitLabel: t("case_contact_add"),
            fields: [
                FieldView(name: "contact_on", label: t("contact_field_on_date"), value: form["contact_on"].nonEmpty ?? DateText.input(today), error: errors["contact_on"]),
                FieldView(name: "contact_kind", label: t("case_contact_kind"), kind: .select, error: errors["contact_kind"],
                          options: options(CaseContactKind.allCases.map { ($0.rawValue, t("case_contact_\($0.rawValue)")) }, [form["contact_kind"].nonEmpty ?? "visit"])),
                FieldView(name: "minutes", label: t("case_contact_minutes"), kind: .number, value: form["minutes"], error: errors["minutes"], required: false),
                FieldView(name: "contact_note", label: t("contact_field_note"), kind: .textarea, value: form["contact_note"], error: errors["contact_note"], required: false),
            ],
            csrf: csrf, hidden: page.hidden(phase)) : nil
        reminderForm = open ? FormView(
            action: .trajectoryReminder(id), submitLabel: t("reminder_add"),
            fields: [
                FieldView(name: "remind_on", label: t("reminder_field_date"), value: form["remind_on"], hint: t("contact_field_on_date_hint"), error: errors["remind_on"]),
                FieldView(name: "remind_note", label: t("reminder_field_note"), value: form["remind_note"], required: false),
            ],
            csrf: csrf, intro: t("reminder_intro"), hidden: page.hidden(phase)) : nil
        transferForm = Self.transferForm(page, users: users)
        self.reminders = reminders
    }

    /// Handing the trajectory to an active colleague.
    static func transferForm(_ page: TrajectoryPageInput, users: [UserAccount]) -> FormView? {
        let (form, errors, id, t) = (page.form, page.errors, page.id, page.t)
        let colleagues = users.filter { ($0.role == .professional || $0.role == .coordinator) && $0.active && $0.id != page.trajectory.professionalID }
        return page.open ? FormView(
            action: .trajectoryTransfer(id), submitLabel: t("transfer_submit"),
            fields: [
                FieldView(name: "colleague", label: t("transfer_field_colleague"), kind: .select, error: errors["colleague"],
                          options: page.options([("", t("option_choose"))] + colleagues.map { ($0.id.uuidString, $0.name) }, [form["colleague"]])),
                FieldView(name: "transfer_note", label: t("transfer_field_note"), kind: .textarea, value: form["transfer_note"], required: false),
            ],
            csrf: page.csrf) : nil
    }
}

extension CaseworkSection {
    /// The side column of an open trajectory: logging contact, reminders, handing over.
    func html(_ t: Texts) -> HTML {
        """
        <section aria-labelledby="logboek" class="side">
        <h2 id="logboek">\(t["case_contact_title"])</h2>
        \(contactForm, { $0.html(t) })
        <h2 id="herinneringen">\(t["reminder_title"])</h2>
        \(if: !reminders.isEmpty, "<ul>\(each: reminders, TrajectoryPage.line)</ul>")
        \(reminderForm, { $0.html(t) })
        <h2>\(t["transfer_title"])</h2>
        \(transferForm, { $0.html(t) })
        </section>
        """
    }
}

/// The timeline, newest first, and before it what led to the trajectory: the signal and the attempts
/// to reach the person.
struct TimelineSection {
    let timeline: [TrajectoryPage.Row]

    static func load(_ page: TrajectoryPageInput, signal: Signal?, users: [UserAccount], services: AppServices) async throws -> TimelineSection {
        let (t, renderer, language) = (page.t, page.renderer, page.language)
        var timeline = try await services.trajectories.timeline(page.id).map { event in
            TrajectoryPage.Row(cells: [DateText.short(event.onDate, language), TrajectoryPage.describe(event, t: t, renderer: renderer, language: language),
                                       users.first { $0.id == event.byUser }?.name ?? "—"])
        }
        // What happened before the trajectory: the signal and the attempts to reach the person.
        if let signal {
            let attempts = try await services.signals.attempts(signalID: signal.id).reversed().map { attempt in
                TrajectoryPage.Row(cells: [DateText.short(attempt.onDate, language), t("event_contact_attempt") + ": " + t("contact_outcome_\(attempt.outcome.rawValue)"),
                                           users.first { $0.id == attempt.recordedBy }?.name ?? "—"])
            }
            timeline += attempts + [TrajectoryPage.Row(cells: [DateText.short(signal.receivedAt, language),
                                                               t("event_signal_received") + " (" + t("signal_source_\(signal.source.rawValue)") + ")", "—"])]
        }
        return TimelineSection(timeline: timeline)
    }
}

extension TimelineSection {
    /// The timeline, with the links to the file's audit trail (coordinators) and the person's consents above it.
    func html(_ t: Texts, auditLink: String?, consentLink: String) -> HTML {
        """
        <section aria-labelledby="tijdlijn" class="timeline-section">
        <h2 id="tijdlijn">\(t["timeline_title"])</h2>
        \(nonEmpty: auditLink, { "<p><a href=\"\($0)\" id=\"inzage-link\">\(t["record_audit_link"])</a></p>" })
        <p><a href="\(consentLink)" id="toestemming-link">\(t["consent_link"])</a></p>
        <ol class="timeline" id="timeline" reversed>\(each: timeline, Self.event)</ol>
        </section>
        """
    }

    private static func event(_ row: TrajectoryPage.Row) -> HTML {
        "<li>\(each: row.cells, { "<span class=\"cell\">\($0)</span>" })</li>"
    }
}
