/// Refuses a YAML text in which a key that is a mapping or a list holds another such key, before
/// the text is composed.
///
/// The composer looks for duplicate keys in every mapping by hashing its keys whole, so a key
/// that is a collection costs its size, and one nested inside another costs it again at every
/// level: a 52 KB file of 450 nested keys took 14 seconds. A policy's keys are plain words, and a
/// single collection key (`[a, b]: 1`) costs no more than its text and is reported by the reader
/// (`keys … must be strings`) with the file's other problems; a key inside a key is refused here,
/// from libyaml's events alone.
enum NestedKeyCheck {
    /// Where the first key inside a key starts (1-based, libyaml's lines), or `nil`. A text that
    /// does not parse has no problem here: the composer reports its syntax error.
    static func problem(_ yaml: String) -> (line: Int, column: Int)? {
        // A collection key is either explicit (`? `) or a flow collection before a `:`.
        guard yaml.utf8.contains(where: { $0 == UInt8(ascii: "?") || $0 == UInt8(ascii: "[") || $0 == UInt8(ascii: "{") })
        else { return nil }
        var inner: (line: Int, column: Int)?
        YAMLNodeWalk.walk(yaml) { event, place in
            guard event.kind == .sequenceStart || event.kind == .mappingStart, place.keyDepth >= 2 else { return true }
            inner = (event.line, event.column)
            return false
        }
        return inner
    }

    /// The message for a key inside a key.
    static let message = "a key that is a mapping or a list holds another such key (the keys of this file are plain words)"
}
