import Foundation
import Testing
@testable import OmzienCore

@Suite struct UnusualAccessTests {
    let start = Date(timeIntervalSince1970: 1_800_000_000)

    func reads(_ user: String, records: [String], everySeconds: Double, from offset: Double = 0) -> [UnusualAccess.Read] {
        records.enumerated().map { UnusualAccess.Read(userID: user, recordID: $1, at: start.addingTimeInterval(offset + Double($0) * everySeconds)) }
    }

    @Test func manyDifferentRecordsInAShortTimeIsABurst() {
        let browsing = reads("u1", records: (1...40).map { "r\($0)" }, everySeconds: 30)      // 40 records in 20 minutes
        let working = reads("u2", records: (1...40).map { "r\($0 % 3)" }, everySeconds: 30)    // the same 3 records, again and again
        let slow = reads("u3", records: (1...40).map { "r\($0)" }, everySeconds: 600)          // 40 records over a working day
        let bursts = UnusualAccess.bursts(browsing + working + slow, window: 3600, threshold: 25)
        #expect(bursts.map(\.userID) == ["u1"])
        #expect(bursts.first?.records == 40)
        #expect(bursts.first?.from == start && bursts.first?.until == start.addingTimeInterval(39 * 30))
    }

    @Test func theWindowSlidesAndTheThresholdIsInclusive() {
        // 10 records, then a pause, then 25 records: only the second run is a burst of 25.
        let first = reads("u1", records: (1...10).map { "a\($0)" }, everySeconds: 60)
        let second = reads("u1", records: (1...25).map { "b\($0)" }, everySeconds: 60, from: 5 * 3600)
        let bursts = UnusualAccess.bursts(first + second, window: 3600, threshold: 25)
        #expect(bursts.count == 1 && bursts[0].records == 25)
        #expect(UnusualAccess.bursts(first + second, window: 3600, threshold: 26).isEmpty)
        #expect(UnusualAccess.bursts([], window: 3600, threshold: 1).isEmpty)
    }
}
