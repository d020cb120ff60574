import Foundation
import ParapetCore

/// One labelled dev-set record.
struct DevRecord: Decodable {
    struct Span: Decodable {
        let startByte: Int
        let endByte: Int
        let type: String
        enum CodingKeys: String, CodingKey {
            case startByte = "start_byte", endByte = "end_byte", type
        }
    }
    let id: String
    let text: String
    let spans: [Span]
    let negatives: [Span]
}

/// Finds and reads the shared dev sets.
enum DevSet {
    /// `PARAPET_SHARED_DATA`, else `../shared/data` beside the package root (CI), else
    /// `../../shared/data` (a worktree under `/work/wt`).
    static func dataDirectory(filePath: String = #filePath) -> URL? {
        let manager = FileManager.default
        if let env = ProcessInfo.processInfo.environment["PARAPET_SHARED_DATA"], !env.isEmpty {
            return URL(fileURLWithPath: env)
        }
        // Tests/ParapetPatternsTests/Support/DevSet.swift → package root is three levels up.
        var root = URL(fileURLWithPath: filePath)
        for _ in 0..<4 { root.deleteLastPathComponent() }
        for relative in ["../shared/data", "../../shared/data"] {
            let candidate = root.appendingPathComponent(relative).standardizedFileURL
            if manager.fileExists(atPath: candidate.appendingPathComponent("pii-dev").path) { return candidate }
        }
        return nil
    }

    static var isCI: Bool { !(ProcessInfo.processInfo.environment["CI"] ?? "").isEmpty }

    /// Loads `relativePath` under the data directory, or nil when it is absent.
    static func load(_ relativePath: String) throws -> [DevRecord]? {
        guard let directory = dataDirectory() else { return nil }
        return try load(url: directory.appendingPathComponent(relativePath))
    }

    /// Loads one of the repository's probe sets (`Benchmarks/probe/NAME`), in the dev sets' format.
    static func loadProbe(_ name: String) throws -> [DevRecord]? {
        // This file is Tests/ParapetPatternsTests/Support/DevSet.swift: the package root is four components up.
        var root = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { root.deleteLastPathComponent() }
        return try load(url: root.appendingPathComponent("Benchmarks/probe").appendingPathComponent(name))
    }

    private static func load(url: URL) throws -> [DevRecord]? {
        guard FileManager.default.fileExists(atPath: url.path) else { return nil }
        let text = try String(contentsOf: url, encoding: .utf8)
        let decoder = JSONDecoder()
        return try text.split(separator: "\n").filter { !$0.isEmpty }.map {
            try decoder.decode(DevRecord.self, from: Data($0.utf8))
        }
    }

    /// The scored type name of a category (`pii.email` → `EMAIL`, `secret.generic` → `GENERIC_SECRET`).
    static func scoredType(_ category: Category) -> String {
        switch category.rawValue {
        case "secret.generic": return "GENERIC_SECRET"
        default:
            let name = category.rawValue.split(separator: ".", maxSplits: 1).last.map(String.init) ?? category.rawValue
            return name.uppercased()
        }
    }
}

extension DevSet {
    /// The `text` of every row of a shared data file (only rows with this `role`, if given), or
    /// nil when the file is absent.
    static func texts(_ relativePath: String, role: String? = nil) throws -> [String]? {
        guard let directory = dataDirectory() else { return nil }
        let url = directory.appendingPathComponent(relativePath)
        guard FileManager.default.fileExists(atPath: url.path) else { return nil }
        return try String(contentsOf: url, encoding: .utf8).split(separator: "\n").compactMap { line in
            let row = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            guard let text = row?["text"] as? String else { return nil }
            if let role, (row?["role"] as? String) != role { return nil }
            return text
        }
    }

    /// Joins texts with `separator` into pieces of at least `bytes` bytes; the last piece may be shorter.
    static func join(_ texts: [String], into bytes: Int, separator: String) -> [String] {
        var result: [String] = []
        var current = ""
        for text in texts {
            current += current.isEmpty ? text : separator + text
            if current.utf8.count >= bytes {
                result.append(current)
                current = ""
            }
        }
        if !current.isEmpty { result.append(current) }
        return result
    }
}
