import Testing
@testable import OmzienCore

@Suite struct PostcodeTests {
    @Test(arguments: ["9401AB", "9401 ab", " 9401  AB ", "1000aa"])
    func acceptsCommonSpellings(text: String) throws {
        let postcode = try #require(Postcode(text))
        #expect(postcode.description.count == 7)
    }

    @Test(arguments: ["0999AB", "940AB", "9401A", "9401 SS", "9401SA", "9401SD", "94O1AB", "", "9401ABC", "٩٤٠١AB"])
    func rejectsInvalid(text: String) {
        #expect(Postcode(text) == nil)
    }

    @Test func rangesParseSortAndFormat() throws {
        let ranges = try PostcodeRanges.parse("9410, 9401-9405;9406")
        #expect(ranges.count == 3)
        #expect(PostcodeRanges.format(ranges) == "9401-9405, 9406, 9410")
        let inside = try #require(Postcode("9403 XY"))
        let outside = try #require(Postcode("9407 XY"))
        #expect(ranges.contains { $0.contains(inside) })
        #expect(!ranges.contains { $0.contains(outside) })
    }

    @Test(arguments: ["", "  ", "94-95", "9405-9401", "abcd", "9401-", "0999", "9401-9402-9403"])
    func rangesRejectNonsense(text: String) {
        #expect(throws: PostcodeRanges.ParseError.self) { try PostcodeRanges.parse(text) }
    }

    @Test func overlapIsDetectedAtTheEdges() throws {
        let a = try PostcodeRanges.parse("9401-9405")
        #expect(PostcodeRanges.overlaps(a, try PostcodeRanges.parse("9405-9409")).count == 1)
        #expect(PostcodeRanges.overlaps(a, try PostcodeRanges.parse("9406-9409")).isEmpty)
    }
}
