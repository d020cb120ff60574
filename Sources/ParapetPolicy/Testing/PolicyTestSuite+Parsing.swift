import ParapetCore
internal import Yams

extension PolicyTestSuite {
    /// Loads a test file, reporting every problem with its location.
    public static func load(file path: String) throws(PolicyErrors) -> PolicyTestSuite {
        var errors: [PolicyError] = []
        guard let yaml = PolicyLoader.read(path, errors: &errors) else { throw PolicyErrors(errors) }
        return try parse(yaml: yaml, source: path)
    }

    /// Parses a test file from text; `source` names it in errors.
    public static func parse(yaml: String, source: String) throws(PolicyErrors) -> PolicyTestSuite {
        let r = NodeReader(file: source)
        let suite = r.compose(yaml).flatMap { parse($0, reader: r) }
        guard let suite, r.errors.isEmpty else { throw PolicyErrors(r.errors) }
        return suite
    }

    static func parse(_ root: Node, reader r: NodeReader) -> PolicyTestSuite? {
        guard let top = r.mapping(root, what: "the test file", allowed: ["policy", "description", "cases"],
                                  required: ["policy", "cases"])
        else { return nil }
        let policy = top["policy"].flatMap { r.string($0, what: "policy") }
        let description = top["description"].flatMap { r.string($0, what: "description") }
        var cases: [PolicyTestCase] = []
        if let node = top["cases"], let items = r.sequence(node, what: "cases") {
            cases = items.compactMap { parseCase($0, reader: r) }
            r.reportDuplicates(of: .testCase)
        }
        guard let policy else { return nil }
        return PolicyTestSuite(policy: policy, description: description, cases: cases, file: r.file,
                               policyLocation: top["policy"].map(r.location))
    }

    static func parseCase(_ node: Node, reader r: NodeReader) -> PolicyTestCase? {
        guard let map = r.mapping(node, what: "a case", allowed: ["name", "text", "direction", "conversation", "system_prompt", "expect"],
                                  required: ["name", "text", "expect"])
        else { return nil }
        let name = map["name"].flatMap { r.string($0, what: "name") }
        if let name { r.declare(name, as: .testCase, at: r.location(node)) }
        let text = map["text"].flatMap { r.string($0, what: "text") }
        var direction: Direction? = .input
        if let n = map["direction"] { direction = r.choice(n, what: "direction", as: Direction.self) }
        let conversation = map["conversation"].flatMap { r.string($0, what: "conversation") }
        let systemPrompt = map["system_prompt"].flatMap { r.string($0, what: "system_prompt") }
        let expect = map["expect"].flatMap { parseExpectation($0, reader: r) }
        guard let name, let text, let direction, let expect else { return nil }
        return PolicyTestCase(name: name, text: text, direction: direction, conversation: conversation, systemPrompt: systemPrompt,
                              expect: expect, location: r.location(node))
    }

    static func parseExpectation(_ node: Node, reader r: NodeReader) -> PolicyExpectation? {
        let keys = ["action", "would_be", "findings", "contains_findings", "text", "flags", "rules", "message"]
        guard let map = r.mapping(node, what: "expect", allowed: keys) else { return nil }
        let before = r.problemCount
        var expect = PolicyExpectation()
        expect.action = map["action"].flatMap { r.choice($0, what: "action", as: Action.self) }
        expect.wouldBe = map["would_be"].flatMap { r.choice($0, what: "would_be", as: Action.self) }
        expect.findings = map["findings"].flatMap { parseFindings($0, what: "findings", reader: r) }
        expect.containsFindings = map["contains_findings"].flatMap {
            parseFindings($0, what: "contains_findings", reader: r)
        }
        expect.text = map["text"].flatMap { r.string($0, what: "text") }
        expect.message = map["message"].flatMap { r.string($0, what: "message") }
        expect.rules = map["rules"].flatMap { r.stringList($0, what: "rules")?.map(\.0) }
        if let flagsNode = map["flags"], case .mapping(let mapping) = flagsNode {
            var flags: [String: Bool] = [:]
            for (key, value) in mapping where !r.isRenamedRepeat(key) {
                if let k = r.string(key, what: "a flag name"), let v = r.bool(value, what: "flag \(k)") { flags[k] = v }
            }
            expect.flags = flags
        } else if let flagsNode = map["flags"] {
            r.record(flagsNode, PolicyError.Code.badType, "flags must be a mapping of name: true/false")
        }
        return r.problemCount == before ? expect : nil
    }

    static func parseFindings(_ node: Node, what: String, reader r: NodeReader) -> [ExpectedFinding]? {
        guard let items = r.sequence(node, what: what) else { return nil }
        var result: [ExpectedFinding] = []
        for item in items {
            guard let map = r.mapping(item, what: "an expected finding", allowed: ["category", "text"],
                                      required: ["category"]),
                let category = map["category"].flatMap({ r.string($0, what: "category") })
            else { continue }
            result.append(ExpectedFinding(category: category, text: map["text"].flatMap { r.string($0, what: "text") }))
        }
        return result
    }
}
