import Foundation
import OmzienCore

/// A stored row the app cannot read. The error middleware answers these with a plain 500 page (the details
/// go to the log, never to the browser).
enum PersistenceError: Error, Equatable {
    /// Something stored is not in the shape the app wrote it in.
    case corrupt(String)
    /// A code column holds a value the app does not know (an older or newer version wrote it, or someone by hand).
    case unknownStoredValue(table: String, column: String, value: String)
}

/// Reading coded columns back: an unknown value is an error naming where it was found, never a silent default.
enum StoredValue {
    /// The enum case stored as `raw` in `table.column`.
    static func decode<Value: RawRepresentable>(_ raw: Value.RawValue, table: String, column: String) throws -> Value {
        guard let value = Value(rawValue: raw) else {
            throw PersistenceError.unknownStoredValue(table: table, column: column, value: "\(raw)")
        }
        return value
    }

    /// As `decode`, for a nullable column.
    static func decode<Value: RawRepresentable>(_ raw: Value.RawValue?, table: String, column: String) throws -> Value? {
        try raw.map { try decode($0, table: table, column: column) }
    }

    /// A calendar date stored as yyyy-MM-dd in `table.column`.
    static func date(_ text: String, table: String, column: String) throws -> CivilDate {
        guard let date = CivilDate(text) else { throw PersistenceError.unknownStoredValue(table: table, column: column, value: text) }
        return date
    }

    /// As `date`, for a nullable column.
    static func date(_ text: String?, table: String, column: String) throws -> CivilDate? {
        try text.map { try date($0, table: table, column: column) }
    }

    /// A comma-separated list of codes, each of which must be known.
    static func list<Value: RawRepresentable>(_ text: String, table: String, column: String) throws -> [Value] where Value.RawValue == String {
        try text.split(separator: ",").map { try decode(String($0), table: table, column: column) }
    }
}
