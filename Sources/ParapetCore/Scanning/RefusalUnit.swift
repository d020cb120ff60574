/// One unit of a folded answer (``RefusalText``): a byte when the answer is ASCII apart from
/// typographic quotes, a `Character` otherwise. Phrase matching is the same code on both.
protocol RefusalUnit: Equatable {
    /// A letter, a number or an apostrophe: phrases must not start or end inside a word.
    var isWordCharacter: Bool { get }
    /// A letter (words after an inability phrase are made of letters).
    var isLetter: Bool { get }
    /// `.`, `!` or `?`: the words after an inability phrase stop at the end of its sentence.
    var endsSentence: Bool { get }
    /// The units of one word as a String.
    static func word(_ units: [Self]) -> String
}

extension UInt8: RefusalUnit {
    var isWordCharacter: Bool { isLetter || (self >= 0x30 && self <= 0x39) || self == UInt8(ascii: "'") }
    var isLetter: Bool { (self | 0x20) >= 0x61 && (self | 0x20) <= 0x7A }
    var endsSentence: Bool { self == UInt8(ascii: ".") || self == UInt8(ascii: "!") || self == UInt8(ascii: "?") }
    static func word(_ units: [UInt8]) -> String { String(decoding: units, as: UTF8.self) }
}

extension Character: RefusalUnit {
    var isWordCharacter: Bool { isLetter || isNumber || self == "'" }
    var endsSentence: Bool { self == "." || self == "!" || self == "?" }
    static func word(_ units: [Character]) -> String { String(units) }
}
