/// Words of a system prompt that look like something it guards: access codes, passwords, keys.
enum SecretTokens {
    /// Words after which the next word is the secret (`password: swordfish`, `the code is 7421`).
    static let keywords: Set<String> = [
        "password", "passcode", "passphrase", "passwort", "code", "pin", "secret", "codeword",
    ]
    /// Words skipped between a keyword and its value.
    static let linking: Set<String> = ["is", "was", "equals", "word", "phrase"]
    /// Words never taken for a secret.
    static let stopwords: Set<String> = [
        "the", "a", "an", "to", "of", "and", "or", "for", "you", "your", "if", "in", "on", "with", "that", "this",
        "it", "be", "not", "never", "any", "anyone", "user", "users", "them", "is", "are", "was", "will", "must",
        "should", "only", "when", "then", "say", "says", "said", "correct", "wrong", "given", "provided", "entered",
    ]

    /// The lowercased secret-looking words of `prompt`:
    /// - a word of 6 or more characters with both a digit and a letter (`tr0ub4dor`);
    /// - the word right after a keyword such as `password` or `code` (past `is`, `was`, …) when it
    ///   holds a digit or ends its clause (`the code is 7421`, `password: swordfish.`), not when
    ///   the sentence goes on (`secret instructions follow`);
    /// - a single quoted word, when the prompt mentions a keyword at all (`say "avocado" to enter`).
    static func find(in prompt: WordSpans) -> [String] {
        let words = prompt.words
        let mentionsSecret = words.contains { keywords.contains($0) }
        var found: [String] = []
        for (index, word) in words.enumerated() {
            if word.count >= 6, word.contains(where: \.isNumber), word.contains(where: \.isLetter) {
                found.append(word)
            } else if mentionsSecret, word.count >= 3, !stopwords.contains(word), prompt.isQuoted(index) {
                found.append(word)
            }
            guard keywords.contains(word) else { continue }
            var next = index + 1
            while next < words.count, linking.contains(words[next]), next - index <= 2 { next += 1 }
            guard next < words.count, words[next].count >= 3, !stopwords.contains(words[next]), !keywords.contains(words[next])
            else { continue }
            if words[next].contains(where: \.isNumber) || endsClause(prompt, at: next) { found.append(words[next]) }
        }
        return found
    }

    /// Whether word `index` is followed by the end of the text or by punctuation other than a
    /// space before the next word (a value, not the start of a longer phrase).
    static func endsClause(_ prompt: WordSpans, at index: Int) -> Bool {
        var position = prompt.spans[index].upperBound
        guard position < prompt.bytes.count else { return true }
        let byte = prompt.bytes[position]
        if byte != 0x20 { return true }
        position += 1
        // "banana and ..." goes on; "banana" followed by a quote or a capital letter does not.
        guard position < prompt.bytes.count else { return true }
        let next = prompt.bytes[position]
        return !(next >= 0x61 && next <= 0x7A)
    }
}
