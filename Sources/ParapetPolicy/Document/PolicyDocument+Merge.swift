import ParapetCore

extension PolicyDocument {
    /// This document laid over its parent: scalar settings set here win; scanners and rules with
    /// an id the parent has replace the parent's entry in place; new ones are appended.
    func merged(over parent: PolicyDocument) -> PolicyDocument {
        var result = self
        result.description = description ?? parent.description
        result.mode = mode ?? parent.mode
        result.normalize = normalize ?? parent.normalize
        result.overlap = overlap ?? parent.overlap
        result.onScannerError = onScannerError ?? parent.onScannerError
        result.scanners = Self.overlay(scanners, on: parent.scanners, id: \.id)
        result.rules = Self.overlay(rules, on: parent.rules, id: \.id)
        return result
    }

    static func overlay<T>(_ child: [T], on parent: [T], id: (T) -> String) -> [T] {
        var result = parent
        for entry in child {
            if let index = result.firstIndex(where: { id($0) == id(entry) }) {
                result[index] = entry
            } else {
                result.append(entry)
            }
        }
        return result
    }

    /// The document with defaults filled in: `enforce`, normalise, `highest_score`, fail closed.
    func withDefaults() -> PolicyDocument {
        var result = self
        result.mode = mode ?? .enforce
        result.normalize = normalize ?? true
        result.overlap = overlap ?? .highestScore
        result.onScannerError = onScannerError ?? .block
        return result
    }
}
