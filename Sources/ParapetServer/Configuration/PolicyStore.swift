import Foundation
public import Parapet
import Synchronization

/// The policies a server evaluates, compiled once and swapped atomically on reload.
///
/// A reload compiles every configured policy anew; if any of them fails, nothing changes and the
/// errors are returned, so an invalid edit never stops the server from answering. All guards
/// share one pseudonym vault, so pseudonyms issued before a reload are restored after it.
public final class PolicyStore: Sendable {
    /// Compiles policies by name or file path.
    public let loader: PolicyLoader
    /// The policy names (or paths) kept loaded.
    public let names: Set<String>
    /// The vault every guard shares.
    public let vault: PseudonymVault

    private struct Snapshot {
        var guards: [String: Guard]
        var generation: Int
        var stamps: [String: Date]
    }

    private let state: Mutex<Snapshot>

    /// Loads every named policy.
    /// - Throws: ``ServerError`` `bad_policy` with every problem, file:line:column.
    public init(names: Set<String>, loader: PolicyLoader, vault: PseudonymVault = PseudonymVault()) throws(ServerError) {
        self.loader = loader
        self.names = names
        self.vault = vault
        let guards = try Self.compile(names, loader: loader, vault: vault)
        self.state = Mutex(Snapshot(guards: guards, generation: 1, stamps: Self.stamps(names, guards: guards, loader: loader)))
    }

    /// Creates a store from already compiled guards (tests, embedding); reloading recompiles by name.
    public init(guards: [String: Guard], loader: PolicyLoader, vault: PseudonymVault) {
        self.loader = loader
        self.names = Set(guards.keys)
        self.vault = vault
        self.state = Mutex(Snapshot(guards: guards, generation: 1, stamps: Self.stamps(Set(guards.keys), guards: guards, loader: loader)))
    }

    /// The guard for a policy name, if loaded.
    public func guardrail(_ name: String) -> Guard? { state.withLock { $0.guards[name] } }

    /// How many successful loads there have been (1 after start-up).
    public var generation: Int { state.withLock { $0.generation } }

    /// Recompiles every policy; on any error keeps the old ones and throws.
    /// - Returns: the new generation.
    @discardableResult
    public func reload() throws(ServerError) -> Int {
        let guards = try Self.compile(names, loader: loader, vault: vault)
        let stamps = Self.stamps(names, guards: guards, loader: loader)
        return state.withLock { snapshot in
            snapshot.guards = guards
            snapshot.stamps = stamps
            snapshot.generation += 1
            return snapshot.generation
        }
    }

    /// Whether a policy file changed since the last load (or last failed attempt).
    public func filesChanged() -> Bool {
        let guards = state.withLock { $0.guards }
        let now = Self.stamps(names, guards: guards, loader: loader)
        return state.withLock { snapshot in
            guard now != snapshot.stamps else { return false }
            snapshot.stamps = now  // a failing edit is reported once, not on every poll
            return true
        }
    }

    /// Whether `name` is a path rather than a policy name.
    static func isFile(_ name: String) -> Bool { name.hasSuffix(".yaml") || name.hasSuffix(".yml") || name.contains("/") }

    static func compile(_ names: Set<String>, loader: PolicyLoader, vault: PseudonymVault) throws(ServerError) -> [String: Guard] {
        var guards: [String: Guard] = [:]
        var problems: [String] = []
        for name in names.sorted() {
            do {
                let policy = isFile(name) ? try loader.load(file: name) : try loader.load(named: name)
                guards[name] = Guard(policy: policy, vault: vault)
            } catch {
                problems.append(contentsOf: error.errors.map(\.description))
            }
        }
        guard problems.isEmpty else {
            throw ServerError(code: .badPolicy, message: problems.joined(separator: "\n"), location: "policies")
        }
        return guards
    }

    /// Modification dates of each policy's file, of every file the loaded policies were read
    /// from (parents found beside a policy given by path, or by a `./path` `extends`, which were
    /// not watched before 2026-12-02), and of every YAML file in the search paths (where a new
    /// parent may appear).
    static func stamps(_ names: Set<String>, guards: [String: Guard], loader: PolicyLoader) -> [String: Date] {
        var files = names.filter(isFile)
        for guardrail in guards.values { files.formUnion(guardrail.policy.sourceFiles) }
        for directory in loader.searchPaths {
            let entries = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
            for entry in entries where entry.hasSuffix(".yaml") || entry.hasSuffix(".yml") { files.insert("\(directory)/\(entry)") }
        }
        var result: [String: Date] = [:]
        for file in files {
            let attributes = try? FileManager.default.attributesOfItem(atPath: file)
            result[file] = attributes?[.modificationDate] as? Date ?? .distantPast
        }
        return result
    }
}
