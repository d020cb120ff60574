import Foundation

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

    /// Parses one JSONL line; nil for a blank line.
    /// - Throws: ``InputError`` naming the file and line when the JSON, text or label is bad.
    public static func parse(_ line: String, lineNumber: Int, file: String, textField: String = "text",
                             labelField: String = "label", contextField: String = "context") throws -> LabelledRecord? {
        guard line.contains(where: { !$0.isWhitespace }) else { return nil }
        func bad(_ message: String) -> InputError {
            InputError(file: file, line: lineNumber, code: "bad_record", message: message)
        }
        guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else {
            throw bad("not a JSON object")
        }
        guard let text = object[textField] as? String else { throw bad("no string field '\(textField)'") }
        let label: Bool
        switch object[labelField] {
        case let b as Bool: label = b
        case let n as NSNumber where n.doubleValue == 0 || n.doubleValue == 1: label = n.doubleValue == 1
        case let s as String where s == "0" || s == "1": label = s == "1"
        default: throw bad("field '\(labelField)' must be 0 or 1")
        }
        func string(_ key: String) -> String? {
            switch object[key] {
            case let s as String where !s.isEmpty: s
            case let n as NSNumber: n.stringValue
            default: nil
            }
        }
        let context = object[contextField] as? String
        return LabelledRecord(text: text, label: label, category: string("category"), target: string("target"), lang: string("lang"),
                              context: context)
    }
}
