import Foundation

/// Dates as people type and read them: "23-11-2026" (day first, the Dutch way).
/// ``CivilDate/description`` stays ISO ("2026-11-23") because storage, CSV and the API use it.
extension CivilDate {
    /// Parses what a person typed in a date field: `d-m-jjjj` or `dd-mm-jjjj` with `-` or `/`,
    /// and still ISO `jjjj-mm-dd` (older links, pasted values). Years must have four digits, so
    /// "3-12-26" is refused rather than guessed as year 26.
    /// A static function, not an initialiser, so `map(CivilDate.init)` on stored ISO text stays unambiguous.
    public static func fromInput(_ input: String) -> CivilDate? {
        let text = input.trimmingCharacters(in: .whitespaces)
        guard let separator = text.first(where: { $0 == "-" || $0 == "/" }) else { return nil }
        let parts = text.split(separator: separator, omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 3, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCIIDigit) }) else { return nil }
        if parts[0].count == 4, separator == "-", parts[1].count <= 2, parts[2].count <= 2 {
            return CivilDate(year: Int(parts[0])!, month: Int(parts[1])!, day: Int(parts[2])!)
        } else if parts[2].count == 4, parts[0].count <= 2, parts[1].count <= 2 {
            return CivilDate(year: Int(parts[2])!, month: Int(parts[1])!, day: Int(parts[0])!)
        } else {
            return nil
        }
    }

    /// "3-12-2026": the form people type in date fields and read in Dutch tables.
    public var dayMonthYear: String { "\(day)-\(month)-\(year)" }
}

private extension Character {
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
