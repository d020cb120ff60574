import Crypto
import Foundation
import ParapetCore

extension PolicyDocument {
    /// The canonical JSON of the resolved document (sorted keys, no locations, no `extends`):
    /// what the digest is computed over. Two files that mean the same policy give the same text.
    var canonicalJSON: String {
        var object: [String: Canonical] = [
            "version": .number(Double(version)),
            "name": .string(name),
            "scanners": .list(scanners.map(\.canonical)),
            "rules": .list(rules.map(\.canonical)),
        ]
        object["description"] = description.map(Canonical.string)
        object["mode"] = mode.map { .string($0.rawValue) }
        object["normalize"] = normalize.map(Canonical.bool)
        object["overlap"] = overlap.map { .string($0.rawValue) }
        object["on_scanner_error"] = onScannerError.map { .string($0.rawValue) }
        return Canonical.map(object).json
    }

    /// SHA-256 of ``canonicalJSON``, lower-case hex.
    var digest: String {
        Hex.lowercase(SHA256.hash(data: Data(canonicalJSON.utf8)))
    }
}

extension ScannerSpec {
    var canonical: Canonical {
        .map([
            "id": .string(id), "type": .string(type),
            "directions": .list(directions.map(\.rawValue).sorted().map(Canonical.string)),
            "params": Canonical(parameters: .map(parameters)),
        ])
    }
}

extension PolicyRule {
    var canonical: Canonical {
        var when: [String: Canonical] = [:]
        switch condition {
        case .findings(let c):
            when["category"] = .list(c.categories.map(Canonical.string))
            when["min_score"] = .number(c.minScore)
            when["min_count"] = .number(Double(c.minCount))
            when["scanner"] = c.scanner.map(Canonical.string)
        case .score(let c):
            when["score"] = .string(c.key)
            when["threshold"] = c.usesDefaultThreshold ? .string("default") : .number(c.threshold)
        }
        when["direction"] = .string(condition.direction?.rawValue ?? "any")
        var then: [String: Canonical] = ["action": .string(action.rawValue)]
        then["message"] = message.map(Canonical.string)
        if let op = `operator` {
            then["operator"] = .string(op.name)
            switch op {
            case .mask(let character, let keepLast, let keepSeparators):
                then["options"] = .map(["char": .string(String(character)), "keep_last": .number(Double(keepLast)),
                                        "keep_separators": .bool(keepSeparators)])
            case .replace(let template):
                then["options"] = .map(["template": .string(template)])
            case .hash(let variable, let length):
                then["options"] = .map(["key_env": .string(variable), "length": .number(Double(length))])
            case .pseudonymize, .remove:
                break
            }
        }
        var object: [String: Canonical] = ["id": .string(id), "when": .map(when), "then": .map(then)]
        object["description"] = description.map(Canonical.string)
        return .map(object)
    }
}

/// A minimal JSON value with a deterministic serialisation (sorted keys, shortest numbers).
indirect enum Canonical {
    case string(String)
    case number(Double)
    case bool(Bool)
    case list([Canonical])
    case map([String: Canonical])

    init(parameters: ParameterValue) {
        switch parameters {
        case .string(let s): self = .string(s)
        case .number(let n): self = .number(n)
        case .bool(let b): self = .bool(b)
        case .list(let l): self = .list(l.map(Canonical.init(parameters:)))
        case .map(let m): self = .map(m.mapValues(Canonical.init(parameters:)))
        }
    }

    var json: String {
        switch self {
        case .string(let s): return Self.quote(s)
        case .number(let n):
            if n == n.rounded(), abs(n) < 1e15 { return String(Int64(n)) }
            return "\(n)"
        case .bool(let b): return b ? "true" : "false"
        case .list(let l): return "[" + l.map(\.json).joined(separator: ",") + "]"
        case .map(let m):
            return "{" + m.keys.sorted().compactMap { key in m[key].map { Self.quote(key) + ":" + $0.json } }
                .joined(separator: ",") + "}"
        }
    }

    static func quote(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20: out += String(format: "\\u%04x", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
