/// libyaml's events read as nodes in their places: for every scalar, alias and collection of a
/// text, in document order, whether it is a key, which collection holds it, and how many keys
/// hold it. Nothing is composed, so no alias is expanded and no key is hashed.
enum YAMLNodeWalk {
    /// Where a node is.
    struct Place {
        /// Whether the node is a key of the mapping that holds it.
        var isKey: Bool
        /// The collection holding the node (collections are numbered from 1 as they open), or 0
        /// at the top of a document.
        var parent: Int
        /// How many collections in key position hold the node, itself included when it is one.
        var keyDepth: Int
    }

    /// Calls `visit` with every node's event (a scalar, an alias or the start of a collection)
    /// and place, until `visit` returns false or the text ends or stops parsing.
    static func walk(_ yaml: String, _ visit: (YAMLEventReader.Event, Place) -> Bool) {
        let reader = YAMLEventReader(yaml)
        var open: [(number: Int, isMapping: Bool, expectingKey: Bool, keyDepth: Int)] = []
        var opened = 0
        func nodeEnded() {
            if let last = open.indices.last, open[last].isMapping { open[last].expectingKey.toggle() }
        }
        while let event = reader.next() {
            let parent = open.last
            let isKey = parent.map { $0.isMapping && $0.expectingKey } ?? false
            switch event.kind {
            case .scalar, .alias:
                guard visit(event, Place(isKey: isKey, parent: parent?.number ?? 0, keyDepth: parent?.keyDepth ?? 0))
                else { return }
                nodeEnded()
            case .sequenceStart, .mappingStart:
                let keyDepth = (parent?.keyDepth ?? 0) + (isKey ? 1 : 0)
                guard visit(event, Place(isKey: isKey, parent: parent?.number ?? 0, keyDepth: keyDepth)) else { return }
                opened += 1
                open.append((number: opened, isMapping: event.kind == .mappingStart, expectingKey: true, keyDepth: keyDepth))
            case .sequenceEnd, .mappingEnd:
                open.removeLast()
                nodeEnded()
            case .other:
                break
            }
        }
    }
}
