/// Byte classes the prefilter, the start filters and the validators test, ASCII only.
extension UInt8 {
    /// Whether this byte is an ASCII digit.
    var isDigit: Bool { self >= UInt8(ascii: "0") && self <= UInt8(ascii: "9") }
    /// Whether this byte is an ASCII hex digit.
    var isHexDigit: Bool {
        isDigit || (self >= UInt8(ascii: "a") && self <= UInt8(ascii: "f")) || (self >= UInt8(ascii: "A") && self <= UInt8(ascii: "F"))
    }
    /// Whether this byte is an ASCII letter.
    var isASCIILetter: Bool { (self | 0x20) >= UInt8(ascii: "a") && (self | 0x20) <= UInt8(ascii: "z") }
    /// Whether this byte is an ASCII capital.
    var isASCIICapital: Bool { self >= UInt8(ascii: "A") && self <= UInt8(ascii: "Z") }
    /// Whether this byte is an ASCII lower-case letter.
    var isASCIILowercase: Bool { self >= UInt8(ascii: "a") && self <= UInt8(ascii: "z") }
    /// Whether this byte is an ASCII letter or digit.
    var isAlphanumeric: Bool { isDigit || isASCIILetter }
    /// Whether a capital letter can start at this byte: an ASCII capital, or a byte of 0xC0 and up,
    /// which starts a multi-byte scalar that may be one.
    var mayStartCapital: Bool { isASCIICapital || self >= 0xC0 }
    /// Whether this byte may be part of a word of `[\p{L}'-]`: an ASCII letter, `'`, `-`, or any
    /// non-ASCII byte.
    var mayContinueWord: Bool { isASCIILetter || self == UInt8(ascii: "'") || self == UInt8(ascii: "-") || self >= 0x80 }
    /// Whether PCRE2's `\s` (without UCP) matches this byte: space, tab, LF, VT, FF, CR.
    var isRegexSpace: Bool { self == 0x20 || (self >= 0x09 && self <= 0x0D) }
}
