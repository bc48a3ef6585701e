import FluentKit
import Foundation
import OmzienCore
import SQLKit

/// Everything Omzien holds about one person, as plain values: for the export of the person's rights
/// and to know what an erasure removes. Reporters' identities are not the person's data and stay out.
public struct PersonDataRecord: Sendable, Codable, Equatable {
    public struct Item: Sendable, Codable, Equatable {
        public var kind: String
        public var id: String
        public var date: String
        public var fields: [String: String]
    }

    public var person: [String: String]
    public var items: [Item]
    public var recordIDs: [String]
    public var openTrajectories: Int
    public var runningCouplings: Int
}
