import Testing

@testable import ParapetCore

@Suite("BanListScanner and CoreScanners")
struct BanListScannerTests {
    @Test("Defaults: case-insensitive whole words, banned.term, score 1")
    func defaults() throws {
        let scanner = BanListScanner(terms: ["Project Falcon", "acme"])
        let text = "Tell me about project falcon and ACME, not acmeCorp."
        let findings = scanner.scan(ScanInput(text: text)).findings
        #expect(findings.map { String($0.text(in: text)) } == ["project falcon", "ACME"])
        #expect(findings.allSatisfy { $0.category == .bannedTerm && $0.score == 1 && $0.scanner == "banlist" })
        #expect(findings.map(\.rule) == ["Project Falcon", "acme"])
    }

    @Test("Options: case sensitivity, no word boundaries, category and score")
    func options() {
        let scanner = BanListScanner(
            id: "topics", terms: ["Acme"], category: "banned.topic", score: 0.4, caseSensitive: true, wordBoundaries: false
        )
        let findings = scanner.scan(ScanInput(text: "acme AcmeCorp")).findings
        #expect(findings.map(\.range) == [5..<9])
        #expect(findings.first?.category == "banned.topic")
        #expect(findings.first?.score == 0.4)
        #expect(findings.first?.scanner == "topics")
    }

    @Test("Terms match both the original and the normalized text")
    func normalizedTerms() {
        let scanner = BanListScanner(terms: ["сорока", "ﬁsh"])  // Cyrillic term; ligature term
        #expect(scanner.scan(ScanInput(text: "белая сорока")).findings.count == 1)
        let normalized = Normalizer().normalize("белая сорока fish").text
        #expect(scanner.scan(ScanInput(text: normalized)).findings.count == 2)
    }

    @Test("Findings index UTF-8 bytes after non-ASCII text")
    func nonASCIIOffsets() {
        let text = "Ünïcödé 🎉 then badword here"
        let findings = BanListScanner(terms: ["badword"]).scan(ScanInput(text: text)).findings
        #expect(findings.count == 1)
        #expect(findings.first.map { String($0.text(in: text)) } == "badword")
    }

    @Test("The registry builds banlist scanners from parameters")
    func registry() throws {
        var registry = ScannerRegistry()
        CoreScanners.register(into: &registry)
        #expect(registry.contains("banlist"))
        let scanner = try registry.make(type: "banlist", id: "bans", parameters: [
            "terms": .list([.string("alpha"), .string("beta")]),
            "category": .string("banned.topic"),
            "score": .number(0.7),
            "case_sensitive": .bool(true),
            "word_boundaries": .bool(false),
        ])
        let findings = try scanner.scan(ScanInput(text: "alphabet Beta beta")).findings
        #expect(scanner.id == "bans")
        #expect(findings.map(\.range) == [0..<5, 14..<18])
        #expect(findings.allSatisfy { $0.category == "banned.topic" && $0.score == 0.7 })
    }

    @Test("Bad parameters name the parameter", arguments: [
        ([String: ParameterValue](), "terms"),
        (["terms": .number(1)], "terms"),
        (["terms": .list([.string("a"), .number(2)])], "terms"),
        (["terms": .list([.string("  ")])], "terms"),
        (["terms": .string("a"), "category": .number(1)], "category"),
        (["terms": .string("a"), "score": .number(1.5)], "score"),
        (["terms": .string("a"), "score": .string("high")], "score"),
        (["terms": .string("a"), "case_sensitive": .string("yes")], "case_sensitive"),
        (["terms": .string("a"), "word_boundaries": .number(0)], "word_boundaries"),
        (["terms": .string("a"), "word_boundary": .bool(true)], "word_boundary"),
    ])
    func badParameters(parameters: [String: ParameterValue], parameter: String) {
        var registry = ScannerRegistry()
        CoreScanners.register(into: &registry)
        #expect {
            try registry.make(type: "banlist", id: "b", parameters: parameters)
        } throws: { error in
            guard let error = error as? ScannerConfigurationError else { return false }
            return ["bad_parameter", "unknown_parameter"].contains(error.code) && error.parameter == parameter
        }
    }

    @Test("Every problem of the parameters is reported at once")
    func everyProblemAtOnce() {
        var registry = ScannerRegistry()
        CoreScanners.register(into: &registry)
        let parameters: [String: ParameterValue] = [
            "terms": .list([.string(" ")]), "colour": .string("red"), "size": .number(3), "score": .number(7),
            "case_sensitive": .string("yes"),
        ]
        #expect {
            try registry.make(type: "banlist", id: "b", parameters: parameters)
        } throws: { error in
            guard let error = error as? ScannerConfigurationError else { return false }
            return error.all.map { $0.parameter ?? "" } == ["colour", "size", "terms", "score", "case_sensitive"]
                && error.description.hasSuffix("(and 4 more)")
        }
    }

    @Test("Unknown scanner types are reported")
    func unknownType() {
        let registry = ScannerRegistry()
        #expect(throws: ScannerConfigurationError.self) { try registry.make(type: "nope", id: "x", parameters: [:]) }
    }
}
