import Foundation

/// One input record for batch scanning: an id and a text, with where it came from.
public struct ScanRecord: Sendable {
    /// The record's id (the selected JSON field, or the line number for plain text).
    public var id: RecordID
    /// The text to scan.
    public var text: String
    /// The 1-based line number in the input file.
    public var line: Int
    /// The system prompt the text was written under (the record's context field), if any:
    /// scanners such as `leakage` compare answers with it.
    public var systemPrompt: String?
    /// Whether a JSONL record had no id field, so that its line number stands in as ``id``
    /// (and can repeat another record's id).
    public var idIsLineNumber: Bool

    /// Creates a record.
    public init(id: RecordID, text: String, line: Int, systemPrompt: String? = nil, idIsLineNumber: Bool = false) {
        self.id = id
        self.text = text
        self.line = line
        self.systemPrompt = systemPrompt
        self.idIsLineNumber = idIsLineNumber
    }
}

/// Turns raw input lines into ``ScanRecord``s: JSONL with selectable fields, or plain text.
public struct RecordParser: Sendable {
    /// The input format.
    public enum Format: String, Sendable, CaseIterable {
        /// One JSON object per line.
        case jsonl
        /// One text per line; the id is the line number.
        case text
    }

    /// The format.
    public var format: Format
    /// The JSON field holding the text.
    public var textField: String
    /// The JSON field holding the id.
    public var idField: String
    /// The JSON field holding the system prompt (`context` in the shared data sets); a record
    /// without it, or with a non-string value there, has none.
    public var contextField: String
    /// The file name used in errors.
    public var file: String

    /// Creates a parser.
    public init(format: Format, textField: String = "text", idField: String = "id", contextField: String = "context", file: String) {
        self.format = format
        self.textField = textField
        self.idField = idField
        self.contextField = contextField
        self.file = file
    }

    /// Parses one line; `nil` for a blank line in JSONL (skipped, not an error).
    /// - Throws: ``InputError`` naming the file and line.
    public func parse(_ line: LineReader.Line) throws -> ScanRecord? {
        let (number, string, bytes) = try Self.text(of: line, file: file)
        switch format {
        case .text:
            // Binary data past the first 8 KiB the file sniffer reads (JSON refuses a raw NUL itself).
            if let nul = bytes.firstIndex(of: 0) {
                throw InputError(file: file, line: number, code: "binary_line", message: "a NUL byte at byte \(nul) of the line")
            }
            return ScanRecord(id: .number(number), text: string, line: number)
        case .jsonl:
            if string.allSatisfy(\.isWhitespace) { return nil }
            return try parseJSON(string, bytes: bytes, line: number)
        }
    }

    /// A line's number, text and bytes. Refused with its location: a line over the reader's
    /// limit (`line_too_long`) and bytes that are not UTF-8 (`invalid_utf8`). A UTF-8 byte-order
    /// mark opening the first line is not part of it (it made the first JSONL record `invalid_json`
    /// before 2026-12-02). Every reader of input lines (`scan`, `eval`) goes through here.
    public static func text(of line: LineReader.Line, file: String) throws -> (number: Int, text: String, bytes: [UInt8]) {
        switch line {
        case .tooLong(let number, let length):
            throw InputError(file: file, line: number, code: "line_too_long", message: "line of \(length) bytes is over the limit")
        case .bytes(let number, var bytes):
            if number == 1, bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
            guard let string = String(validating: bytes, as: UTF8.self) else {
                throw InputError(file: file, line: number, code: "invalid_utf8", message: "not valid UTF-8 at byte \(firstInvalidUTF8(bytes))")
            }
            return (number, string, bytes)
        }
    }

    private func parseJSON(_ string: String, bytes: [UInt8], line: Int) throws -> ScanRecord {
        // Parapet's own parser, which refuses duplicate keys: with `{"text": "ok", "text": "<key>"}`
        // a decoder keeping the first copy would scan another text than a reader keeping the last.
        let object: JSONValue
        do {
            object = try JSONValue.parse(bytes)
        } catch {
            throw InputError(file: file, line: line, code: "invalid_json", message: "not valid JSON (\(error.message))")
        }
        guard case .object = object else {
            throw InputError(file: file, line: line, code: "invalid_json", message: "expected a JSON object")
        }
        guard let rawText = object[textField] else {
            throw InputError(file: file, line: line, code: "missing_field", message: "no field '\(textField)'")
        }
        guard case .string(let text) = rawText else {
            throw InputError(file: file, line: line, code: "bad_field", message: "field '\(textField)' is not a string")
        }
        let id: RecordID
        switch object[idField] {
        case .string(let s)?: id = .string(s)
        case nil: id = .number(line)  // said in `idIsLineNumber`
        case let value?:
            guard let number = value.intValue else {
                throw InputError(file: file, line: line, code: "bad_field", message: "field '\(idField)' is not a string or an integer")
            }
            id = .number(number)
        }
        var systemPrompt: String?
        if case .string(let context)? = object[contextField] { systemPrompt = context }
        return ScanRecord(id: id, text: text, line: line, systemPrompt: systemPrompt, idIsLineNumber: object[idField] == nil)
    }

    /// The offset of the first byte that breaks UTF-8 validity.
    public static func firstInvalidUTF8(_ bytes: [UInt8]) -> Int {
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        var offset = 0
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar): offset += UTF8.width(scalar)
            case .emptyInput: return bytes.count
            case .error: return offset
            }
        }
    }
}
