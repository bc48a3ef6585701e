import Foundation
import Testing
@testable import OmzienCore

/// A row with more fields than the header is refused with its line number (the CLI then exits with 2),
/// as `match solve` does, instead of being scored with shifted values.
@Suite struct RaggedRowTests {
    @Test func scoringReportsALongerRowAndDoesNotScoreIt() {
        let input = "id,q3,q4,q7,q8,q9,q10\na,ja,nee,nee,ja,nee,ja\nb,ja,ja,ja,ja,ja,ja,nee\nc,nee,nee,nee,nee,nee,nee\n"
        let result = ScoreCSV.score(input, version: .six)
        #expect(result.problems == [.init(line: 3, column: "-", message: "8 fields, but the header has 7; the line is not scored")])
        #expect(result.output.components(separatedBy: "\n")[2] == "b,,,,")
    }

    @Test func prevalenceRefusesALongerRowWithItsLineNumber() {
        let items = (1...11).map { "q\($0)" }
        let header = (["w", "s", "gm"] + items).joined(separator: ",")
        let row = (["1", "A", "GM1"] + Array(repeating: "nee", count: 11)).joined(separator: ",")
        let text = [header, row, row, row + ",ja", row].joined(separator: "\n") + "\n"
        let options = PrevalenceCSV.Options(weight: "w", strata: "s", by: ["gm"], indicator: .lonely, items: items, minN: 1)
        #expect(throws: PrevalenceCSV.Failure(message: "line 4: 15 fields, but the header has 14")) {
            try PrevalenceCSV.estimate(Data(text.utf8), options: options)
        }
    }
}
