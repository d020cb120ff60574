import Testing

@testable import ParapetCore

@Suite("Category")
struct CategoryTests {
    @Test("Pattern matching: exact, family wildcard, everything", arguments: [
        ("pii.email", "pii.email", true),
        ("pii.email", "pii.*", true),
        ("pii.email", "*", true),
        ("pii.email", "pii", false),
        ("pii.email", "pii.phone", false),
        ("pii.email", "secret.*", false),
        ("pii", "pii.*", false),
        ("pii", "pii", true),
        ("toxicity.hate", "toxicity.*", true),
        ("toxicity", "toxicity.*", false),
        ("piix.email", "pii.*", false),
        ("banned.term", "banned.*", true),
        ("a.b.c", "a.*", true),
        ("a.b.c", "a.b.*", true),
    ])
    func matches(category: String, pattern: String, expected: Bool) {
        #expect(Category(rawValue: category).matches(pattern) == expected)
    }

    @Test("Wildcards agree with the Character-based definition on non-ASCII names", arguments: [
        ("pii.é", "pii.*"), ("pii.\u{301}x", "pii.*"), ("café.x", "café.*"), ("cafe\u{301}.x", "café.*"),
        ("café.x", "cafe\u{301}.*"), ("pii.email", "pií.*"), ("e\u{301}.x", "é.*"), ("pii.", "pii.*"),
    ])
    func nonASCIIWildcards(category: String, pattern: String) {
        let expected = pattern == "*" || pattern == category
            || (pattern.hasSuffix(".*") && category.hasPrefix(pattern.dropLast(1)))
        #expect(Category(rawValue: category).matches(pattern) == expected)
    }

    @Test("Family and placeholder type")
    func family() {
        #expect(Category.email.family == "pii")
        #expect(Category.injection.family == "injection")
        #expect(Category("toxicity.hate").family == "toxicity")
        #expect(Category.email.placeholderType == "EMAIL")
        #expect(Category.creditCard.placeholderType == "CREDIT_CARD")
        #expect(Category.injection.placeholderType == "INJECTION")
    }

    @Test("The family is the first component, as a Character split gives it", arguments: [
        "pii.email", "pii.é", "pii.", "pii", ".pii", "pii..x", "café.x", "pii.\u{301}x", "a.b.c", "", "e\u{301}.x",
    ])
    func familyMatchesTheCharacterSplit(name: String) {
        let expected = name.split(separator: ".", maxSplits: 1).first.map(String.init) ?? name
        #expect(Category(rawValue: name).family == expected)
    }

    @Test("Same family exactly when the families are equal")
    func sameFamilyAgreesWithFamily() {
        let names = [
            "pii.email", "pii.é", "pii.", "pii", ".pii", "pii..x", "café.x", "pii.\u{301}x", "a.b.c", "", "e\u{301}.x",
            "piix.y", "pi.x", "secret.jwt", "injection", "injection.direct", "pii.phone",
        ]
        for a in names {
            for b in names {
                #expect(Category(rawValue: a).isSameFamily(as: Category(rawValue: b))
                    == (Category(rawValue: a).family == Category(rawValue: b).family), "\(a) / \(b)")
            }
        }
    }

    @Test("Named categories use the scored names")
    func scoredNames() {
        let names = [Category.email, .phone, .creditCard, .iban, .usSSN, .ipAddress, .url, .person, .location,
                     .dateOfBirth, .usPassport, .usDriverLicense, .crypto].map(\.rawValue)
        #expect(names.allSatisfy { $0.hasPrefix("pii.") })
        #expect(Category.awsAccessKeyID.rawValue == "secret.aws_access_key_id")
        #expect(Category.genericSecret.rawValue == "secret.generic")
        #expect(Category.bannedTerm.rawValue == "banned.term")
    }

    @Test("Ordering and coding")
    func orderingAndCoding() throws {
        #expect([Category.phone, .email, .awsAccessKeyID].sorted() == [.email, .phone, .awsAccessKeyID])
        #expect(Category.email.description == "pii.email")
    }
}

@Suite("Action and Finding")
struct ActionFindingTests {
    @Test("Action precedence: block > rewrite > flag > allow")
    func precedence() {
        #expect(Action.allCases.sorted() == [.allow, .flag, .rewrite, .block])
        #expect([Action.flag, .block, .rewrite].max() == .block)
        #expect(Decision(action: .flag, text: "x").wouldBe == .flag)
    }

    @Test("Finding clamps its score and cuts its text by UTF-8 bytes")
    func finding() {
        #expect(Finding(scanner: "s", category: .email, range: 0..<1, score: 7, rule: "r").score == 1)
        #expect(Finding(scanner: "s", category: .email, range: 0..<1, score: -1, rule: "r").score == 0)
        #expect(Finding(scanner: "s", category: .email, range: 0..<1, score: .nan, rule: "r").score == 0)
        let text = "héllo wörld"
        let finding = Finding(scanner: "s", category: .person, range: 7..<13, score: 0.5, rule: "r")
        #expect(finding.text(in: text) == "wörld")
        #expect(Finding(scanner: "s", category: .person, range: 7..<99, score: 0.5, rule: "r").text(in: text) == "wörld")
    }

    @Test("ParameterValue accessors")
    func parameterValue() {
        #expect(ParameterValue.string("a").stringList == ["a"])
        #expect(ParameterValue.list([.string("a"), .string("b")]).stringList == ["a", "b"])
        #expect(ParameterValue.list([.string("a"), .bool(true)]).stringList == nil)
        #expect(ParameterValue.number(2).numberValue == 2)
        #expect(ParameterValue.bool(true).boolValue == true)
        #expect(ParameterValue.map(["k": .number(1)]).mapValue?["k"] == .number(1))
        #expect(ParameterValue.number(1).stringValue == nil)
    }
}
