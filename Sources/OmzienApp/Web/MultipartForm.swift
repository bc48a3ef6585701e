import Foundation
import Hummingbird

/// A parsed `multipart/form-data` body (file uploads). Small and strict: parts need a
/// Content-Disposition with a name; everything else is ignored.
struct MultipartForm {
    struct Part {
        let name: String
        let filename: String?
        let data: Data
    }

    let parts: [Part]

    /// The boundary of a `multipart/form-data; boundary=…` content type, or nil for anything else.
    static func boundary(contentType: String?) -> String? {
        guard let contentType, contentType.lowercased().hasPrefix("multipart/form-data") else { return nil }
        for parameter in contentType.split(separator: ";").dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            if pair.count == 2, pair[0].lowercased() == "boundary" {
                return pair[1].trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            }
        }
        return nil
    }

    init?(body: Data, boundary: String) {
        let delimiter = Data("--\(boundary)".utf8)
        let headerEnd = Data("\r\n\r\n".utf8)
        var parts: [Part] = []
        var searchStart = body.startIndex
        guard var partStart = body.range(of: delimiter, in: searchStart..<body.endIndex)?.upperBound else { return nil }
        while true {
            // After a delimiter: "--" ends the body, otherwise CRLF and the part's headers.
            if body[partStart...].starts(with: Data("--".utf8)) { break }
            guard let headersRange = body.range(of: headerEnd, in: partStart..<body.endIndex) else { return nil }
            searchStart = headersRange.upperBound
            guard let next = body.range(of: delimiter, in: searchStart..<body.endIndex) else { return nil }
            var contentEnd = next.lowerBound
            if contentEnd - searchStart >= 2, body[contentEnd - 2] == 13, body[contentEnd - 1] == 10 { contentEnd -= 2 }
            let headers = String(decoding: body[partStart..<headersRange.lowerBound], as: UTF8.self)
            if let name = Self.parameter("name", in: headers) {
                parts.append(Part(name: name, filename: Self.parameter("filename", in: headers), data: Data(body[searchStart..<contentEnd])))
            }
            partStart = next.upperBound
        }
        self.parts = parts
    }

    static func parameter(_ key: String, in headers: String) -> String? {
        guard let disposition = headers.split(whereSeparator: { $0 == "\r\n" || $0 == "\n" })
            .first(where: { $0.lowercased().hasPrefix("content-disposition") }) else { return nil }
        for piece in disposition.split(separator: ";").dropFirst() {
            let pair = piece.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            if pair.count == 2, pair[0].lowercased() == key { return pair[1].trimmingCharacters(in: CharacterSet(charactersIn: "\"")) }
        }
        return nil
    }

    /// The text fields as a `FormData`, so handlers validate uploads like any other form.
    var fields: FormData {
        var values: [String: [String]] = [:]
        for part in parts where part.filename == nil { values[part.name, default: []].append(String(decoding: part.data, as: UTF8.self)) }
        return FormData(values)
    }

    func file(_ name: String) -> Part? { parts.first { $0.name == name && $0.filename != nil } }
}
