import HTTPTypes
import NIOCore
import Foundation
import Logging
import Parapet
import Testing

@testable import ParapetServer

@Suite("Policy reload without restart", .serialized)
struct ReloadTests {
    static let valid = """
        version: 1
        name: live
        scanners:
          - { id: patterns.pii, type: patterns, params: { catalogs: [pii] } }
        rules:
          - id: redact
            when: { category: "pii.*" }
            then: { action: rewrite, operator: replace, options: { template: "[{TYPE}]" } }
        """

    static func store(in directory: TemporaryDirectory) throws -> PolicyStore {
        try valid.write(toFile: directory.path + "/live.yaml", atomically: true, encoding: .utf8)
        let loader = PolicyLoader(registry: StandardScanners.registry, searchPaths: [directory.path])
        return try PolicyStore(names: ["live"], loader: loader)
    }

    static func redact(_ store: PolicyStore) -> String? {
        store.guardrail("live")?.checkOutput("mail ann@corp.example").text
    }

    @Test("A valid edit is taken on reload; an invalid one is refused and the old policy keeps serving")
    func reloadRefusesInvalid() throws {
        let directory = try TemporaryDirectory()
        let store = try Self.store(in: directory)
        let reloader = PolicyReloader(store: store, interval: 0, metrics: ServerMetrics(), logger: Logger(label: "test"))
        #expect(Self.redact(store) == "mail [EMAIL]")
        try Self.valid.replacingOccurrences(of: "[{TYPE}]", with: "<<{TYPE}>>").write(toFile: directory.path + "/live.yaml", atomically: true, encoding: .utf8)
        #expect(reloader.reload(reason: "test"))
        #expect(Self.redact(store) == "mail <<EMAIL>>")
        #expect(store.generation == 2)
        try "version: 1\nname: live\nrules: [ { id: x, when: { category: \"pii.*\" }, then: { action: explode } } ]\n"
            .write(toFile: directory.path + "/live.yaml", atomically: true, encoding: .utf8)
        #expect(!reloader.reload(reason: "test"))
        #expect(throws: ServerError.self) { try store.reload() }
        #expect(Self.redact(store) == "mail <<EMAIL>>")
        #expect(store.generation == 2)
        #expect(reloader.metrics.render().contains(#"parapet_policy_reloads_total{result="refused"} 1"#))
    }

    @Test("A changed file is noticed by the file check")
    func fileChange() throws {
        let directory = try TemporaryDirectory()
        let store = try Self.store(in: directory)
        let reloader = PolicyReloader(store: store, interval: 0, metrics: ServerMetrics(), logger: Logger(label: "test"))
        #expect(!reloader.checkFiles())
        let file = directory.path + "/live.yaml"
        try Self.valid.replacingOccurrences(of: "[{TYPE}]", with: "#{TYPE}#").write(toFile: file, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: 60)], ofItemAtPath: file)
        #expect(reloader.checkFiles())
        #expect(Self.redact(store) == "mail #EMAIL#")
        #expect(!reloader.checkFiles())
    }

    /// A policy given by path whose parent lives beside it, outside every policy directory: an
    /// edit of the parent is noticed too (it was not before 2026-12-02).
    @Test("A parent outside the policy directories is watched")
    func parentOutsideTheDirectories() throws {
        let directory = try TemporaryDirectory()
        let parent = directory.path + "/base.yaml", child = directory.path + "/child.yaml"
        try Self.valid.replacingOccurrences(of: "name: live", with: "name: base").write(toFile: parent, atomically: true, encoding: .utf8)
        try "version: 1\nname: child\nextends: base\n".write(toFile: child, atomically: true, encoding: .utf8)
        let loader = PolicyLoader(registry: StandardScanners.registry, searchPaths: [])
        let store = try PolicyStore(names: [child], loader: loader)
        let reloader = PolicyReloader(store: store, interval: 0, metrics: ServerMetrics(), logger: Logger(label: "test"))
        #expect(store.guardrail(child)?.policy.sourceFiles == [child, parent])
        #expect(!reloader.checkFiles())
        try Self.valid.replacingOccurrences(of: "name: live", with: "name: base").replacingOccurrences(of: "[{TYPE}]", with: "#{TYPE}#")
            .write(toFile: parent, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: 60)], ofItemAtPath: parent)
        #expect(reloader.checkFiles())
        #expect(store.guardrail(child)?.checkOutput("mail ann@corp.example").text == "mail #EMAIL#")
    }

    @Test("SIGHUP reloads")
    func sighup() async throws {
        let directory = try TemporaryDirectory()
        let store = try Self.store(in: directory)
        let reloader = PolicyReloader(store: store, interval: 0, metrics: ServerMetrics(), logger: Logger(label: "test"))
        let (ready, readyContinuation) = AsyncStream<Void>.makeStream()
        let task = Task { await reloader.run { readyContinuation.yield() } }
        for await _ in ready { break }
        try Self.valid.replacingOccurrences(of: "[{TYPE}]", with: "{{TYPE}}").write(toFile: directory.path + "/live.yaml", atomically: true, encoding: .utf8)
        kill(getpid(), SIGHUP)
        // Wait for the reload without asserting on time: poll until it happened (bounded).
        for _ in 0..<500 where store.generation == 1 { try await Task.sleep(for: .milliseconds(10)) }
        task.cancel()
        await task.value
        #expect(store.generation == 2)
        #expect(Self.redact(store) == "mail {EMAIL}")
    }
}
