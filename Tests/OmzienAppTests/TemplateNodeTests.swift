import Foundation
import Testing
@testable import OmzienApp

/// What a template sees of a view model: a missing value is absent at any depth, never the word `nil`.
@Suite struct TemplateNodeTests {
    struct Badge { let name: String; let note: String?; let twice: String?? }
    struct Row { let label: String; let badge: Badge? }

    @Test func aMissingValueInADictionaryIsAbsentNotNil() {
        let page: [String: Any] = ["name": String?.none as Any, "count": 3, "shown": true]
        let node = TemplateNode(value: page)
        #expect(node.child(named: "name") == nil)
        #expect(node.child(named: "count") as? Int == 3)
        // A Bool stays a Bool: it decides whether a section shows.
        #expect(node.child(named: "shown") as? Bool == true)
    }

    @Test func optionalsAreUnwrappedAtEveryDepth() throws {
        let node = TemplateNode(value: Row(label: "a", badge: Badge(name: "Truus", note: nil, twice: .some(nil))))
        let badge = try #require(node.child(named: "badge") as? TemplateNode)
        #expect(badge.child(named: "name") as? String == "Truus")
        #expect(badge.child(named: "note") == nil)
        #expect(badge.child(named: "twice") == nil)
        let full = TemplateNode(value: Badge(name: "x", note: "n", twice: .some("t")))
        #expect(full.child(named: "twice") as? String == "t")
        #expect(TemplateNode(value: Row(label: "b", badge: nil)).child(named: "badge") == nil)
    }

    @Test func listsLeaveOutMissingElementsAndWrapTheirRows() throws {
        let page: [String: Any] = ["rows": [Row(label: "a", badge: nil), Row(label: "b", badge: nil)], "names": ["x", String?.none, "y"]]
        let node = TemplateNode(value: page)
        let rows = try #require(node.child(named: "rows") as? [Any])
        #expect(rows.count == 2)
        #expect((rows.first as? TemplateNode)?.child(named: "label") as? String == "a")
        #expect((node.child(named: "names") as? [Any])?.compactMap { $0 as? String } == ["x", "y"])
    }

    @Test func aWrappedValuePrintsAsItself() {
        #expect(String(describing: TemplateNode(value: UUID(uuidString: "3F2504E0-4F89-11D3-9A0C-0305E82C3301")!))
            == "3F2504E0-4F89-11D3-9A0C-0305E82C3301")
    }
}
