/// Whether an assigned value looks like a generated token rather than a name.
public enum TokenShape {
    /// A digit, or upper- and lower-case letters each at least a quarter of its ASCII letters.
    ///
    /// Random letters are about half capitals (`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`, a token
    /// without digits); camelCase and snake_case names are mostly lower case
    /// (`getUserAccountSettings`: 3 capitals of 22 letters) and all-caps constants have no lower
    /// case, so neither passes without a digit.
    public static func looksRandom(_ value: some StringProtocol) -> Bool {
        var upper = 0
        var lower = 0
        for byte in value.utf8 {
            if byte.isDigit { return true }
            if byte.isASCIICapital { upper += 1 } else if byte.isASCIILowercase { lower += 1 }
        }
        let letters = upper + lower
        return letters > 0 && upper * 4 >= letters && lower * 4 >= letters
    }
}
