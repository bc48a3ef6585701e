import FluentKit
import Foundation
import OmzienCore

/// A consent as the registry shows it: the core's grant plus how it was given and by whom.
public struct ConsentEntry: Sendable, Equatable {
    public var grant: ConsentGrant
    public var form: String
    public var recordedBy: UUID
}
