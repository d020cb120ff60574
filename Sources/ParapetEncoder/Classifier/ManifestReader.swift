/// Reads typed fields out of a parsed manifest, throwing errors that name the file and field.
struct ManifestReader {
    /// The manifest's path, for errors.
    let path: String

    /// A `classifier.bad_manifest` error for `field`.
    func error(_ field: String, _ message: String) -> EncoderError {
        EncoderError(.badManifest, message, path: path, field: field.isEmpty ? nil : field)
    }

    /// The object at `value`; `field` names it in errors.
    func object(_ value: JSONValue?, _ field: String) throws(EncoderError) -> [String: JSONValue] {
        guard let value else { throw error(field, "missing required field") }
        guard case .object(let o) = value else { throw error(field, "must be an object") }
        return o
    }

    /// The value under `key` (default: the last component of `field`).
    func value(_ o: [String: JSONValue], _ field: String, key: String? = nil) throws(EncoderError) -> JSONValue {
        let k = key ?? String(field.split(separator: ".").last ?? Substring(field))
        guard let v = o[k], !v.isNull else { throw error(field, "missing required field") }
        return v
    }

    func string(_ o: [String: JSONValue], _ field: String) throws(EncoderError) -> String {
        guard case .string(let s) = try value(o, field) else { throw error(field, "must be a string") }
        return s
    }

    /// A non-empty name without slashes or whitespace.
    func name(_ o: [String: JSONValue], _ field: String) throws(EncoderError) -> String {
        let s = try string(o, field)
        guard !s.isEmpty, !s.contains("/"), !s.contains(where: \.isWhitespace), s != ".", s != ".." else {
            throw error(field, "'\(s)' must be a non-empty name without '/' or spaces")
        }
        return s
    }

    /// A file name inside the bundle (no directories, so a manifest cannot point outside it).
    func fileName(_ o: [String: JSONValue], _ field: String) throws(EncoderError) -> String {
        try name(o, field)
    }

    /// 64 lower-case hex digits.
    func digest(_ o: [String: JSONValue], _ field: String) throws(EncoderError) -> String {
        let s = try string(o, field)
        guard s.utf8.count == 64, s.utf8.allSatisfy({ (48...57).contains($0) || (97...102).contains($0) }) else {
            throw error(field, "must be 64 lower-case hex digits (a SHA-256)")
        }
        return s
    }

    func int(_ o: [String: JSONValue], _ field: String) throws(EncoderError) -> Int {
        guard let n = try value(o, field).exactInt else { throw error(field, "must be an integer") }
        return n
    }

    func number(_ o: [String: JSONValue], _ field: String, key: String? = nil) throws(EncoderError) -> Double {
        guard case .number(let d) = try value(o, field, key: key), d.isFinite else { throw error(field, "must be a number") }
        return d
    }

    func intList(_ o: [String: JSONValue], _ field: String) throws(EncoderError) -> [Int] {
        guard case .array(let items) = try value(o, field) else { throw error(field, "must be a list of integers") }
        var out: [Int] = []
        for item in items {
            guard let n = item.exactInt else { throw error(field, "must be a list of integers") }
            out.append(n)
        }
        return out
    }

    func stringList(_ o: [String: JSONValue], _ field: String) throws(EncoderError) -> [String] {
        guard case .array(let items) = try value(o, field) else { throw error(field, "must be a list of strings") }
        var out: [String] = []
        for item in items {
            guard case .string(let s) = item, !s.isEmpty else { throw error(field, "must be a list of non-empty strings") }
            out.append(s)
        }
        return out
    }
}

extension JSONValue {
    /// Whether this is JSON `null`.
    var isNull: Bool { if case .null = self { true } else { false } }
}
