import Foundation

/// A named list of pattern definitions, loaded from a YAML catalog.
///
/// The built-in catalogs (`pii`, `secrets`) ship as resources of this module; users may load
/// their own with ``init(yaml:source:)``. The format is documented in `docs/patterns.md`.
public struct PatternCatalog: Sendable, Hashable {
    /// The catalog's name (`pii`).
    public let name: String
    /// Its patterns, in file order.
    public let patterns: [PatternDefinition]

    /// Creates a catalog from definitions.
    public init(name: String, patterns: [PatternDefinition]) {
        self.name = name
        self.patterns = patterns
    }

    /// The names of the built-in catalogs.
    public static var builtInNames: [String] { ["pii", "secrets"] }

    /// Loads a built-in catalog by name.
    /// - Throws: ``CatalogError`` for an unknown name, a missing resource or a broken file.
    public static func builtIn(_ name: String) throws -> PatternCatalog {
        guard builtInNames.contains(name) else {
            throw CatalogError(
                code: "unknown_catalog", message: "unknown built-in catalog '\(name)' (known: \(builtInNames.joined(separator: ", ")))",
                source: name)
        }
        let cache = BuiltInCache.shared
        if let cached = cache.get(name) { return cached }
        guard let url = Bundle.module.url(forResource: name, withExtension: "yaml", subdirectory: "Catalog")
            ?? Bundle.module.url(forResource: name, withExtension: "yaml")
        else {
            throw CatalogError(code: "missing_resource", message: "catalog resource \(name).yaml not found", source: name)
        }
        let text: String
        do {
            text = try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw CatalogError(code: "unreadable", message: "cannot read \(url.path): \(error)", source: url.lastPathComponent)
        }
        let catalog = try PatternCatalog(yaml: text, source: "Catalog/\(name).yaml")
        cache.set(name, catalog)
        return catalog
    }
}

/// Built-in catalogs are parsed once per process.
private final class BuiltInCache: @unchecked Sendable {
    // SAFETY: `catalogs` is only touched while holding `lock`.
    static let shared = BuiltInCache()
    private let lock = NSLock()
    private var catalogs: [String: PatternCatalog] = [:]

    func get(_ name: String) -> PatternCatalog? { lock.withLock { catalogs[name] } }
    func set(_ name: String, _ catalog: PatternCatalog) { lock.withLock { catalogs[name] = catalog } }
}

/// A catalog that cannot be loaded, with where the problem is.
public struct CatalogError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A stable code (`yaml_syntax`, `missing_field`, `bad_value`, `unknown_validator`, `bad_regex`, …).
    public var code: String
    /// What is wrong.
    public var message: String
    /// The file or catalog name.
    public var source: String
    /// The 1-based line, when known.
    public var line: Int?
    /// The 1-based column, when known.
    public var column: Int?

    /// Creates an error.
    public init(code: String, message: String, source: String, line: Int? = nil, column: Int? = nil) {
        self.code = code
        self.message = message
        self.source = source
        self.line = line
        self.column = column
    }

    /// `source:line:column: [code] message`.
    public var description: String {
        var location = source
        if let line { location += ":\(line)" }
        if let column { location += ":\(column)" }
        return "\(location): [\(code)] \(message)"
    }
}
