import Foundation

/// JSON encoding for command output: sorted keys, no escaped slashes.
enum JSONOutput {
    /// Encodes a value as one line of JSON.
    static func encode(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}
