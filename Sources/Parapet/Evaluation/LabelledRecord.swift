/// One line of a labelled JSONL file (the shape of `shared/data/*/train.jsonl`): a text, a 0/1
/// label and optional `category`, `target`, `lang` and `context` (the system prompt the text was
/// written under).
public struct LabelledRecord: Sendable, Hashable {
    /// The text to score.
    public var text: String
    /// 1 / true = positive (attack, toxic, unsafe).
    public var label: Bool
    /// The upstream class or HateCheck functionality.
    public var category: String?
    /// The identity group the text names.
    public var target: String?
    /// The language.
    public var lang: String?
    /// The system prompt the text was written under, if the file gives one.
    public var context: String?

    /// Creates a record.
    public init(text: String, label: Bool, category: String? = nil, target: String? = nil, lang: String? = nil,
                context: String? = nil) {
        self.text = text
        self.label = label
        self.category = category
        self.target = target
        self.lang = lang
        self.context = context
    }

    /// Parses one line as ``LineReader`` hands it over; nil for a blank line.
    ///
    /// Refused with the file and line, as `scan` refuses them: a line over the reader's limit
    /// (`line_too_long`), bytes that are not UTF-8 (`invalid_utf8`), a line that is not one JSON
    /// object, or repeats a key (`invalid_json`: with `"label": 0, "label": 1` readers disagree
    /// on the label), no string text (`missing_field`, `bad_field`), no label (`missing_field`), a
    /// label that is not 0, 1, `"0"`, `"1"`, `true` or `false` (`bad_field`).
    public static func parse(_ line: LineReader.Line, file: String, textField: String = "text",
                             labelField: String = "label", contextField: String = "context") throws -> LabelledRecord? {
        let (number, text, _) = try RecordParser.text(of: line, file: file)
        return try parse(text, lineNumber: number, file: file, textField: textField, labelField: labelField, contextField: contextField)
    }

    /// Parses one JSONL line of text; nil for a blank line (see the other `parse`).
    public static func parse(_ line: String, lineNumber: Int, file: String, textField: String = "text",
                             labelField: String = "label", contextField: String = "context") throws -> LabelledRecord? {
        if line.allSatisfy(\.isWhitespace) { return nil }
        func bad(_ code: String, _ message: String) -> InputError {
            InputError(file: file, line: lineNumber, code: code, message: message)
        }
        let object: JSONValue
        do {
            object = try JSONValue.parse(line)
        } catch {
            throw bad("invalid_json", "not valid JSON (\(error.message))")
        }
        guard object.isObject else { throw bad("invalid_json", "expected a JSON object") }
        guard let rawText = object[textField] else { throw bad("missing_field", "no field '\(textField)'") }
        guard case .string(let text) = rawText else { throw bad("bad_field", "field '\(textField)' is not a string") }
        let label: Bool
        switch object[labelField] {
        case .bool(let value)?: label = value
        case .number(let value)? where Double(value) == 0: label = false
        case .number(let value)? where Double(value) == 1: label = true
        case .string("0")?: label = false
        case .string("1")?: label = true
        case nil: throw bad("missing_field", "no field '\(labelField)'")
        default: throw bad("bad_field", "field '\(labelField)' must be 0 or 1")
        }
        func string(_ key: String) -> String? {
            switch object[key] {
            case .string(let value)? where !value.isEmpty: value
            case .number(let value)?: value
            case .bool(let value)?: String(value)
            default: nil
            }
        }
        return LabelledRecord(text: text, label: label, category: string("category"), target: string("target"), lang: string("lang"),
                              context: object[contextField]?.stringValue)
    }
}
