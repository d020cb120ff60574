/// Whether an assigned value looks like a real password rather than a word or placeholder.
public enum PasswordShape {
    /// At least 6 bytes, at least two character classes (lower, upper, digit, symbol), not a
    /// placeholder, and not a function call or attribute path (`get_password()`, `self.pw`).
    public static func isPlausible(_ value: some StringProtocol) -> Bool {
        let bytes = value.utf8
        guard bytes.count >= 6, !PlaceholderFilter.isPlaceholder(value) else { return false }
        var lower = false, upper = false, digit = false, symbol = false
        var last: UInt8 = 0
        for byte in bytes {
            last = byte
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"): lower = true
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): upper = true
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = true
            default: symbol = true
            }
        }
        let classes = [lower, upper, digit, symbol].filter { $0 }.count
        guard classes >= 2 else { return false }
        // A call such as `get_password()`; a closing parenthesis alone may end a password (`bh1+aLUj@9)`).
        if last == UInt8(ascii: "(") || (last == UInt8(ascii: ")") && bytes.contains(UInt8(ascii: "("))) { return false }
        // An identifier path such as `self.password` or `os.environ`.
        let isIdentifierPath = bytes.allSatisfy { $0.isAlphanumeric || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: ".") }
            && bytes.contains(UInt8(ascii: ".")) && !digit
        return !isIdentifierPath
    }
}
