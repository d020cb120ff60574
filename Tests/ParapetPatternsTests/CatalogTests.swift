import Foundation
import ParapetCore
import ParapetPatterns
import Testing

@Suite("Catalogs")
struct CatalogTests {
    @Test func builtInsLoad() throws {
        #expect(PatternCatalog.builtInNames == ["pii", "secrets"])
        let pii = try PatternCatalog.builtIn("pii")
        let secrets = try PatternCatalog.builtIn("secrets")
        #expect(pii.patterns.contains { $0.category == .email })
        #expect(secrets.patterns.contains { $0.category == .jwt })
        #expect(pii.patterns.allSatisfy { $0.category.family == "pii" })
        #expect(secrets.patterns.allSatisfy { $0.category.family == "secret" })
        #expect(throws: CatalogError.self) { try PatternCatalog.builtIn("nope") }
    }

    static func fixture(_ name: String) throws -> String {
        let url = try #require(Bundle.module.url(forResource: name, withExtension: "yaml", subdirectory: "Fixtures"))
        return try String(contentsOf: url, encoding: .utf8)
    }

    @Test(arguments: [
        ("broken_unknown_validator", "unknown_validator", 7),
        ("broken_missing_regex", "missing_field", 3),
        ("broken_unknown_field", "unknown_field", 7),
        ("broken_yaml", "yaml_syntax", nil as Int?),
    ])
    func brokenCatalogs(_ name: String, _ code: String, _ line: Int?) throws {
        let text = try Self.fixture(name)
        do {
            _ = try PatternCatalog(yaml: text, source: name + ".yaml")
            Issue.record("\(name) should not load")
        } catch let error as CatalogError {
            #expect(error.code == code, "\(error)")
            if let line { #expect(error.line == line, "\(error)") }
            #expect(error.description.hasPrefix(name + ".yaml"))
        }
    }

    @Test func badRegexIsReportedAtItsLine() throws {
        do {
            _ = try PatternCatalog(yaml: try Self.fixture("broken_regex"), source: "broken_regex.yaml")
            Issue.record("broken_regex should not load")
        } catch let error as CatalogError {
            #expect(error.code == "bad_regex")
            #expect(error.description.hasPrefix("broken_regex.yaml:5:"), "\(error)")
            #expect(error.message.contains("missing closing parenthesis") && error.message.contains("offset"))
        }
        // A catalog built in code is checked when the scanner compiles it.
        let inCode = PatternCatalog(name: "code", patterns: [PatternDefinition(name: "a", category: "pii.x", regex: "(ab", score: 0.5)])
        #expect(throws: CatalogError.self) { try PatternScanner(catalogs: [inCode]) }
    }

    @Test(arguments: [("group: 3", "has 1 groups; group 3 does not exist"), ("group: word", "has no group named 'word'")])
    func missingGroupIsReportedAtItsLine(group: String, message: String) throws {
        let yaml = "catalog: mine\npatterns:\n  - name: a\n    category: pii.x\n    regex: 'id-(\\d+)'\n    \(group)\n    score: 0.5\n"
        #expect(CatalogYAML.error(loading: yaml)?.code == "bad_group")
        #expect(CatalogYAML.error(loading: yaml)?.line == 6)
        #expect(CatalogYAML.error(loading: yaml)?.message.contains(message) == true, "\(String(describing: CatalogYAML.error(loading: yaml)))")
    }

    @Test func userCatalogWithContextAndGroups() throws {
        let yaml = """
            catalog: custom
            patterns:
              - name: employee_id
                category: pii.employee_id
                regex: '\\bE-(\\d{6})\\b'
                group: 1
                score: 0.5
                context: {words: [employee, staff], required: true, boost: 0.4}
            """
        let scanner = try PatternScanner(id: "custom", catalogs: [PatternCatalog(yaml: yaml, source: "custom.yaml")])
        let hit = try scanner.scan(ScanInput(text: "Employee E-123456 left")).findings
        #expect(hit.map { $0.text(in: "Employee E-123456 left") } == ["123456"])
        #expect(hit.first?.score ?? 0 > 0.8)
        #expect(try scanner.scan(ScanInput(text: "Part E-123456 shipped")).findings.isEmpty)
    }

    /// `context.once`: a context word serves the first kept match after it, on short texts and
    /// on long ones (searched in regions around the words).
    @Test func contextWordServesOneMatchWithOnce() throws {
        func scanner(once: Bool) throws -> PatternScanner {
            let yaml = """
                catalog: custom
                patterns:
                  - name: code
                    category: pii.code
                    regex: '\\b(\\d{4}-\\d{4})\\b'
                    group: 1
                    score: 0.5
                    context: {words: [code], required: true, window: 40, once: \(once)}
                """
            return try PatternScanner(id: "custom", catalogs: [PatternCatalog(yaml: yaml, source: "custom.yaml")])
        }
        let short = "code 1234-5678, then 8765-4321."
        let long = String(repeating: "filler text without numbers. ", count: 200) + short
        for text in [short, long] {
            #expect(try scanner(once: true).scan(ScanInput(text: text)).findings.map { $0.text(in: text) } == ["1234-5678"])
            #expect(try scanner(once: false).scan(ScanInput(text: text)).findings.map { $0.text(in: text) } == ["1234-5678", "8765-4321"])
        }
        let bad = "catalog: c\npatterns:\n  - name: a\n    category: pii.x\n    regex: 'a'\n    score: 0.5\n    context: {words: [x], once: 3}\n"
        #expect(CatalogYAML.error(loading: bad)?.code == "bad_value")
        #expect(CatalogYAML.error(loading: bad)?.line == 7)
    }

    @Test func categoryFilterAndMinScore() throws {
        let catalogs = try PatternCatalog.builtInNames.map { try PatternCatalog.builtIn($0) }
        let onlyEmail = try PatternScanner(catalogs: catalogs, categories: ["pii.email"])
        #expect(onlyEmail.patterns.allSatisfy { $0.category == .email })
        let secretsOnly = try PatternScanner(catalogs: catalogs, categories: ["secret.*"])
        #expect(try secretsOnly.scan(ScanInput(text: "mail a@b.co")).findings.isEmpty)
        let strict = try PatternScanner(catalogs: catalogs, minScore: 0.99)
        #expect(try strict.scan(ScanInput(text: "mail a@b.co")).findings.isEmpty)
    }

    @Test func registryBuildsBothTypes() throws {
        var registry = ScannerRegistry()
        PatternScanners.register(into: &registry)
        #expect(registry.types == ["patterns", "regex"])
        let patterns = try registry.make(
            type: "patterns", id: "patterns.pii",
            parameters: ["catalogs": .list([.string("pii")]), "categories": .list([.string("pii.*")]), "min_score": .number(0.5)])
        let found = try patterns.scan(ScanInput(text: "write to a@b.co")).findings
        #expect(found.map(\.scanner) == ["patterns.pii"])
        let regex = try registry.make(
            type: "regex", id: "custom",
            parameters: ["rules": .list([.map(["name": .string("project"), "pattern": .string("project\\s+x"), "caseless": .bool(true)])])])
        let hits = try regex.scan(ScanInput(text: "about Project X")).findings
        #expect(hits.map(\.category) == [.bannedTerm])
        #expect(hits.map(\.range) == [6..<15])
        #expect(throws: ScannerConfigurationError.self) {
            try registry.make(type: "patterns", id: "p", parameters: ["catalogs": .list([.string("nope")])])
        }
        #expect(throws: ScannerConfigurationError.self) {
            try registry.make(type: "regex", id: "r", parameters: ["rules": .list([.map(["pattern": .string("(")])])])
        }
        #expect(throws: ScannerConfigurationError.self) {
            try registry.make(type: "patterns", id: "p", parameters: ["typo": .bool(true)])
        }
    }

    @Test func everyProblemOfARegexScannerIsReportedAtOnce() throws {
        var registry = ScannerRegistry()
        PatternScanners.register(into: &registry)
        let rules: [ParameterValue] = [
            .map(["name": .string("fine"), "pattern": .string("a+")]),
            .map(["name": .string("open"), "pattern": .string("(")]),
            .map(["name": .string("typo"), "pattern": .string("b"), "colour": .string("red")]),
            .string("not a rule"),
            .map(["name": .string("bracket"), "pattern": .string("[z")]),
        ]
        do {
            _ = try registry.make(type: "regex", id: "r", parameters: ["rules": .list(rules), "extra": .bool(true)])
            Issue.record("a regex scanner with bad rules was built")
        } catch let error as ScannerConfigurationError {
            let found = error.all.map { "\($0.code)@\($0.parameter ?? "-")" }
            #expect(Set(found) == [
                "unknown_parameter@extra", "unknown_parameter@rules[2]", "bad_parameter@rules[3]",
                "bad_regex@rules[1]", "bad_regex@rules[4]",
            ], "\(error.all)")
            #expect(error.all.count == 5)
        }
        // Patterns that all compile, with other problems: each reported once.
        let compiling: [ParameterValue] = [
            .map(["name": .string("a"), "pattern": .string("a+"), "colour": .string("red")]),
            .map(["name": .string("b"), "pattern": .string("b+"), "score": .number(3)]),
        ]
        do {
            _ = try registry.make(type: "regex", id: "r", parameters: ["rules": .list(compiling)])
            Issue.record("a regex scanner with bad rules was built")
        } catch let error as ScannerConfigurationError {
            #expect(error.all.map { "\($0.code)@\($0.parameter ?? "-")" } == ["unknown_parameter@rules[0]", "bad_parameter@rules[1]"])
        }
    }
}
