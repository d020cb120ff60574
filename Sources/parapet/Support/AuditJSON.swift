import ArgumentParser
import Foundation
import Parapet
import ParapetAudit

/// Table or JSON output for the audit commands.
enum AuditFormat: String, ExpressibleByArgument, CaseIterable {
    case table
    case json
}

/// JSON renderings of recorded events.
enum AuditJSON {
    /// A JSON array of events with their chain fields, one per line.
    static func array(_ events: [ChainedEvent]) -> String {
        guard !events.isEmpty else { return "[]" }
        return "[\n" + events.map { String(decoding: $0.jsonLine(), as: UTF8.self) }.joined(separator: ",\n") + "\n]"
    }

    /// One event, pretty-printed, with its time in ISO 8601 added as `time`.
    static func pretty(_ event: ChainedEvent) throws -> String {
        guard var object = try JSONSerialization.jsonObject(with: Data(event.jsonLine())) as? [String: Any] else { return "{}" }
        if var body = object["event"] as? [String: Any] {
            body["time"] = AuditClock.iso(event.event.timeMicros)
            object["event"] = body
        }
        let data = try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        return String(decoding: data, as: UTF8.self)
    }
}

/// Left-aligned text columns separated by two spaces.
enum TableRenderer {
    /// Renders rows (the first is the header) with one line each. Cells are shown with
    /// ``printable(_:)``: a stored string (a request id from a scanned file) cannot start a
    /// forged row or send terminal escapes.
    static func render(_ rows: [[String]]) -> String {
        let rows = rows.map { $0.map(printable) }
        guard let columns = rows.map(\.count).max() else { return "" }
        var widths = [Int](repeating: 0, count: columns)
        for row in rows { for (index, cell) in row.enumerated() { widths[index] = max(widths[index], cell.count) } }
        var out = ""
        for row in rows {
            var line = ""
            for (index, cell) in row.enumerated() {
                line += index == row.count - 1 ? cell : cell + String(repeating: " ", count: widths[index] - cell.count + 2)
            }
            out += line + "\n"
        }
        return out
    }

    /// `text` with control and format characters (line breaks, escape, bidi overrides, zero
    /// widths, line and paragraph separators) written as escapes: `\n`, `\t`, `\r`, `\u{1B}`.
    static func printable(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: needsEscape) else { return text }
        var out = ""
        for scalar in text.unicodeScalars {
            guard needsEscape(scalar) else {
                out.unicodeScalars.append(scalar)
                continue
            }
            switch scalar {
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default: out += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            }
        }
        return out
    }

    private static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .control, .format, .lineSeparator, .paragraphSeparator: true
        default: false
        }
    }
}
