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
        let reader = YAMLEventReader(yaml)
        /// The open collections: whether each is a mapping expecting a key next, and how many
        /// collections in key position enclose it (itself included).
        var open: [(isMapping: Bool, expectingKey: Bool, keyDepth: Int)] = []
        func nodeEnded() {
            if let last = open.indices.last, open[last].isMapping { open[last].expectingKey.toggle() }
        }
        while let event = reader.next() {
            switch event.kind {
            case .scalar, .alias:
                nodeEnded()
            case .sequenceStart, .mappingStart:
                let parent = open.last
                let isKey = parent.map { $0.isMapping && $0.expectingKey } ?? false
                let keyDepth = (parent?.keyDepth ?? 0) + (isKey ? 1 : 0)
                if keyDepth >= 2 { return (event.line, event.column) }
                open.append((isMapping: event.kind == .mappingStart, expectingKey: true, keyDepth: keyDepth))
            case .sequenceEnd, .mappingEnd:
                open.removeLast()
                nodeEnded()
            case .other:
                break
            }
        }
        return nil
    }

    /// The message for a key inside a key.
    static let message = "a key that is a mapping or a list holds another such key (the keys of this file are plain words)"
}
