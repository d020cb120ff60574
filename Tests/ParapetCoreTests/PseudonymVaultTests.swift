import Testing

@testable import ParapetCore

@Suite("PseudonymVault")
struct PseudonymVaultTests {
    @Test("Same value, same placeholder; distinct values, distinct numbers per type")
    func numbering() {
        let vault = PseudonymVault()
        #expect(vault.pseudonym(for: "a@x.io", type: "EMAIL", conversation: "c") == "<EMAIL_1>")
        #expect(vault.pseudonym(for: "b@x.io", type: "EMAIL", conversation: "c") == "<EMAIL_2>")
        #expect(vault.pseudonym(for: "a@x.io", type: "EMAIL", conversation: "c") == "<EMAIL_1>")
        #expect(vault.pseudonym(for: "555", type: "PHONE", conversation: "c") == "<PHONE_1>")
        #expect(vault.pseudonym(for: "a@x.io", type: "PERSON", conversation: "c") == "<PERSON_1>")
        #expect(vault.value(for: "<EMAIL_2>", conversation: "c") == "b@x.io")
        #expect(vault.value(for: "<EMAIL_3>", conversation: "c") == nil)
    }

    @Test("Conversations are independent and can be forgotten")
    func conversations() {
        let vault = PseudonymVault()
        #expect(vault.pseudonym(for: "b@x.io", type: "EMAIL", conversation: "one") == "<EMAIL_1>")
        #expect(vault.pseudonym(for: "a@x.io", type: "EMAIL", conversation: "two") == "<EMAIL_1>")
        #expect(vault.value(for: "<EMAIL_1>", conversation: "one") == "b@x.io")
        #expect(vault.value(for: "<EMAIL_1>", conversation: "two") == "a@x.io")
        #expect(vault.conversationCount == 2)
        vault.forget(conversation: "one")
        #expect(vault.conversationCount == 1)
        #expect(vault.value(for: "<EMAIL_1>", conversation: "one") == nil)
        #expect(vault.restore("<EMAIL_1>", conversation: "one") == "<EMAIL_1>")
    }

    @Test("restore replaces issued placeholders only", arguments: [
        ("Hi <PERSON_1>, mail <EMAIL_1>!", "Hi Jane Doe, mail jane@x.io!"),
        ("<<EMAIL_1>>", "<jane@x.io>"),
        ("<EMAIL_9> <EMAIL_1", "<EMAIL_9> <EMAIL_1"),
        ("a < b > c <PERSON_1><EMAIL_1>", "a < b > c Jane Doejane@x.io"),
        ("ünïcode <PERSON_1> 🎉", "ünïcode Jane Doe 🎉"),
        ("no placeholders", "no placeholders"),
        ("<<<<<<", "<<<<<<"),
    ])
    func restore(redacted: String, expected: String) {
        let vault = PseudonymVault()
        _ = vault.pseudonym(for: "Jane Doe", type: "PERSON", conversation: "c")
        _ = vault.pseudonym(for: "jane@x.io", type: "EMAIL", conversation: "c")
        #expect(vault.restore(redacted, conversation: "c") == expected)
    }

    @Test("Concurrent use from a task group stays consistent")
    func concurrent() async {
        let vault = PseudonymVault()
        let results = await withTaskGroup(of: (Int, String).self) { group in
            for i in 0..<400 {
                group.addTask { (i % 20, vault.pseudonym(for: "user\(i % 20)@x.io", type: "EMAIL", conversation: "c\(i % 2)")) }
            }
            var all: [(Int, String)] = []
            for await result in group { all.append(result) }
            return all
        }
        #expect(results.count == 400)
        // Values 0..<20 alternate between two conversations, 10 values each: numbers 1…10 in each.
        for conversation in 0..<2 {
            let values = Set(results.filter { $0.0 % 2 == conversation }.map(\.0))
            var placeholders: Set<String> = []
            for value in values {
                let issued = Set(results.filter { $0.0 == value }.map(\.1))
                #expect(issued.count == 1)
                placeholders.formUnion(issued)
                #expect(issued.first.flatMap { vault.value(for: $0, conversation: "c\(conversation)") } == "user\(value)@x.io")
            }
            #expect(placeholders == Set((1...10).map { "<EMAIL_\($0)>" }))
        }
    }
}

@Suite("PseudonymVault regressions")
struct PseudonymVaultRegressionTests {
    @Test("A combining mark or joiner right after a placeholder does not hide it")
    func combiningAfterPlaceholder() {
        let vault = PseudonymVault()
        let placeholder = vault.pseudonym(for: "Zoë", type: "PERSON", conversation: "c")
        for suffix in ["\u{301}", "\u{200D}", "\u{FE0F}", "\u{E0041}", "\u{20E3}"] {
            #expect(vault.restore(placeholder + suffix + " ok", conversation: "c") == "Zoë" + suffix + " ok")
        }
    }

    @Test("Many unclosed brackets are handled in one pass")
    func manyBrackets() {
        let vault = PseudonymVault()
        let placeholder = vault.pseudonym(for: "x@y.io", type: "EMAIL", conversation: "c")
        let text = String(repeating: "<", count: 50_000) + placeholder + String(repeating: "<a", count: 10_000)
        let restored = vault.restore(text, conversation: "c")
        #expect(restored == String(repeating: "<", count: 50_000) + "x@y.io" + String(repeating: "<a", count: 10_000))
    }

    @Test("Values that differ only in case or layout share one placeholder; secrets and words stay exact")
    func identity() {
        let vault = PseudonymVault()
        #expect(vault.pseudonym(for: "Jane@Example.com", type: "EMAIL", conversation: "c") == "<EMAIL_1>")
        #expect(vault.pseudonym(for: "jane@example.com", type: "EMAIL", conversation: "c") == "<EMAIL_1>")
        #expect(vault.pseudonym(for: "+1 415-555-0100", type: "PHONE", conversation: "c") == "<PHONE_1>")
        #expect(vault.pseudonym(for: "+14155550100", type: "PHONE", conversation: "c") == "<PHONE_1>")
        #expect(vault.pseudonym(for: "4111 1111 1111 1111", type: "CREDIT_CARD", conversation: "c") == "<CREDIT_CARD_1>")
        #expect(vault.pseudonym(for: "4111-1111-1111-1111", type: "CREDIT_CARD", conversation: "c") == "<CREDIT_CARD_1>")
        #expect(vault.pseudonym(for: "GB82 WEST 1234 5698 7654 32", type: "IBAN", conversation: "c") == "<IBAN_1>")
        #expect(vault.pseudonym(for: "gb82west12345698765432", type: "IBAN", conversation: "c") == "<IBAN_1>")
        #expect(vault.pseudonym(for: "Jane Doe", type: "PERSON", conversation: "c") == "<PERSON_1>")
        #expect(vault.pseudonym(for: "JANE DOE", type: "PERSON", conversation: "c") == "<PERSON_1>")
        // The spelling seen first is the one restored.
        #expect(vault.value(for: "<EMAIL_1>", conversation: "c") == "Jane@Example.com")
        // A secret's case is part of it; so is a mostly-letters value of an unlisted type.
        #expect(vault.pseudonym(for: "AbCd1234", type: "SECRET", conversation: "c") == "<SECRET_1>")
        #expect(vault.pseudonym(for: "abcd1234", type: "SECRET", conversation: "c") == "<SECRET_2>")
        #expect(vault.pseudonym(for: "Passw0rd", type: "PASSWORD", conversation: "c") == "<PASSWORD_1>")
        #expect(vault.pseudonym(for: "passw0rd", type: "PASSWORD", conversation: "c") == "<PASSWORD_2>")
        // A URL's path is case-sensitive; a date's separators carry meaning (QA).
        #expect(vault.pseudonym(for: "https://docs.example.com/d/1AbCdEf", type: "URL", conversation: "c") == "<URL_1>")
        #expect(vault.pseudonym(for: "https://docs.example.com/d/1aBcDeF", type: "URL", conversation: "c") == "<URL_2>")
        #expect(vault.pseudonym(for: "1/12/1990", type: "DATE_OF_BIRTH", conversation: "c") == "<DATE_OF_BIRTH_1>")
        #expect(vault.pseudonym(for: "11/2/1990", type: "DATE_OF_BIRTH", conversation: "c") == "<DATE_OF_BIRTH_2>")
    }

    @Test("Known values are put back as placeholders, whole words only")
    func knownValues() {
        let vault = PseudonymVault()
        #expect(vault.pseudonymizeKnownValues(in: "Ann and jane@x.io", conversation: "c") == "Ann and jane@x.io")
        _ = vault.pseudonym(for: "jane@x.io", type: "EMAIL", conversation: "c")
        _ = vault.pseudonym(for: "Ann", type: "PERSON", conversation: "c")
        #expect(vault.pseudonymizeKnownValues(in: "Dear Ann (jane@x.io), the Annual report for Anne, Ann.", conversation: "c")
                == "Dear <PERSON_1> (<EMAIL_1>), the Annual report for Anne, <PERSON_1>.")
        #expect(vault.pseudonymizeKnownValues(in: "Dear Ann", conversation: "other") == "Dear Ann")
        // Addresses glued to letters (no spaces in Japanese), names after a JSON escape (QA round 2).
        #expect(vault.pseudonymizeKnownValues(in: "メールはjane@x.ioです。Emailingjane@x.io", conversation: "c")
                == "メールは<EMAIL_1>です。Emailing<EMAIL_1>")
        #expect(vault.pseudonymizeKnownValues(in: #"{"body": "Hello,\nAnn\tAnnual"}"#, conversation: "c")
                == #"{"body": "Hello,\n<PERSON_1>\tAnnual"}"#)
    }

    @Test("A placeholder the user typed is never issued and never restored")
    func typedPlaceholders() {
        let vault = PseudonymVault()
        vault.reserveTypedPlaceholders(in: "compare <EMAIL_1> and <CREDIT_CARD_2> with <x_1> <EMAIL_> <_3>", conversation: "c")
        #expect(vault.pseudonym(for: "a@x.io", type: "EMAIL", conversation: "c") == "<EMAIL_2>")
        #expect(vault.pseudonym(for: "4111111111111111", type: "CREDIT_CARD", conversation: "c") == "<CREDIT_CARD_1>")
        #expect(vault.pseudonym(for: "4242424242424242", type: "CREDIT_CARD", conversation: "c") == "<CREDIT_CARD_3>")
        #expect(vault.restore("<EMAIL_1> <EMAIL_2>", conversation: "c") == "<EMAIL_1> a@x.io")
        // One the vault issued is retired when the user types it: never restored again, and its
        // value gets a new number (answers are restored, so the user never saw it: they typed it).
        vault.reserveTypedPlaceholders(in: "what was <EMAIL_2>?", conversation: "c")
        #expect(vault.restore("<EMAIL_2>", conversation: "c") == "<EMAIL_2>")
        #expect(vault.pseudonym(for: "a@x.io", type: "EMAIL", conversation: "c") == "<EMAIL_3>")
        #expect(PseudonymVault.placeholderShapes(in: "<<US_SSN_12>><A_1B> <A1_2><é_1>") == ["<US_SSN_12>", "<A1_2>"])
        // Retiring thousands stays linear (QA round 2: each retirement rebuilt the value table).
        let many = PseudonymVault()
        for index in 0..<5_000 { _ = many.pseudonym(for: "u\(index)@x.io", type: "EMAIL", conversation: "c") }
        many.reserveTypedPlaceholders(in: (1...5_000).map { "<EMAIL_\($0)>" }.joined(separator: " "), conversation: "c")
        #expect(many.pseudonym(for: "u0@x.io", type: "EMAIL", conversation: "c") == "<EMAIL_5001>")
    }

    @Test("The redactor reserves typed placeholders before pseudonymizing")
    func redactorReserves() {
        let redactor = Redactor()
        let text = "my note says <EMAIL_1>; mail me at real@x.io"
        let start = text.utf8.count - "real@x.io".utf8.count
        let finding = Finding(scanner: "t", category: "pii.email", range: start..<text.utf8.count, score: 1, rule: "email")
        let rewritten = redactor.redact(text, edits: [.init(finding: finding, operator: .pseudonymize)], conversation: "c")
        #expect(rewritten == "my note says <EMAIL_1>; mail me at <EMAIL_2>")
        #expect(redactor.vault.restore("I saw <EMAIL_1> and <EMAIL_2>", conversation: "c") == "I saw <EMAIL_1> and real@x.io")
    }
}
