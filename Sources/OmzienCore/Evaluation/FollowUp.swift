/// Whether a refusal was followed up in time (casework: a refusal gets a follow-up date, default three months).
public enum FollowUp: String, Sendable, CaseIterable {
    /// Contact again on or before the follow-up date plus the grace period.
    case onTime = "on_time"
    /// Contact again, but after the grace period.
    case late
    /// No contact again although the grace period has passed.
    case missed
    /// The follow-up date (plus grace) has not come yet, and nobody has been in touch since.
    case notDue = "not_due"

    /// Days after the follow-up date that still count as on time: a follow-up is a planned call, and a week
    /// leaves room for a holiday or an unanswered phone.
    public static let graceDays = 7

    /// Classifies one refusal by its follow-up date and the first contact attempt after it, as of `asOf`.
    /// A refusal without a follow-up date is "missed" once it is three months old, as the default date would be.
    public static func classify(dueOn: CivilDate?, nextContactOn: CivilDate?, asOf: CivilDate) -> FollowUp {
        guard let dueOn else { return nextContactOn == nil ? .missed : .onTime }
        let deadline = dueOn.adding(days: graceDays)
        if let next = nextContactOn { return next <= deadline ? .onTime : .late }
        return asOf > deadline ? .missed : .notDue
    }
}
