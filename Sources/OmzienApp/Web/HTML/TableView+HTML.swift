/// A list of records as a table; an empty list says so below the headers. Formerly the `table` partial.
extension TableView {
    func html(_ t: Texts) -> HTML {
        """
        <div class="table-wrap">
        <table>
          <caption class="visually-hidden">\(caption)</caption>
          <thead><tr>\(each: headers, { "<th scope=\"col\">\($0)</th>" })</tr></thead>
          <tbody>
          \(each: rows, { "<tr>\(each: $0.cells, Self.cell)</tr>" })
          </tbody>
        </table>
        \(if: isEmpty, "<p>\(emptyText)</p>")
        </div>
        """
    }

    static func cell(_ cell: Cell) -> HTML {
        "<td>\(if: cell.href != nil, "<a href=\"\(cell.href)\">\(cell.text)</a>", else: "\(cell.text)")</td>"
    }
}
