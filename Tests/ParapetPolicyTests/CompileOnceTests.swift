import ParapetCore
import ParapetPolicy
import ParapetTesting
import Testing

@Suite("Compile once")
struct CompileOnceTests {
    @Test func evaluationNeverRebuildsScanners() throws {
        let builds = CallCounter()
        var registry = ScannerRegistry()
        registry.register("counted") { id, _ in
            builds.increment()
            return FakeScanner(id: id, needles: [.init("a@b.example", category: .email)])
        }
        let loader = PolicyLoader(registry: registry, searchPaths: [], environment: [:])
        let policy = try loader.load(yaml: """
            version: 1
            name: once
            scanners:
              - { id: one, type: counted }
              - { id: two, type: counted }
            rules:
              - id: r
                when: { category: pii.email }
                then: { action: rewrite, operator: pseudonymize }
            """, source: "once.yaml")
        #expect(builds.value == 2)
        let redactor = Redactor()
        for index in 0..<50 {
            let direction: Direction = index.isMultiple(of: 2) ? .input : .output
            _ = policy.evaluate(ScanInput(text: "mail a@b.example", direction: direction), redactor: redactor)
            _ = policy.explain(ScanInput(text: "nothing"), redactor: redactor)
        }
        #expect(builds.value == 2)
    }

    @Test func aCompiledPolicyIsSharedAcrossTasks() async throws {
        let policy = try fakePolicy(rules: """
              - id: r
                when: { category: pii.email }
                then: { action: rewrite, operator: pseudonymize }
            """)
        let redactor = Redactor()
        let texts = await withTaskGroup(of: String?.self) { group in
            for index in 0..<20 {
                group.addTask {
                    let input = ScanInput(text: "a@b.example", conversationID: "c\(index)")
                    return policy.evaluate(input, redactor: redactor).text
                }
            }
            var all: [String?] = []
            for await text in group { all.append(text) }
            return all
        }
        #expect(texts.count == 20 && texts.allSatisfy { $0 == "<EMAIL_1>" })
    }
}
