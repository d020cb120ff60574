import Foundation

extension ClassifierManifest {
    /// The manifest's `lexical` object: a hashed n-gram model stacked with the encoder heads.
    ///
    /// ```json
    /// "lexical": {"file": "lexical.safetensors", "sha256": "<hex>", "ngram_sizes": [3, 4, 5], "bits": 18,
    ///             "stack": {"injection": {"encoder": 1.1, "lexical": 0.8, "bias": -0.3, "long_text_floor": -0.6}}}
    /// ```
    public struct Lexical: Sendable, Hashable {
        /// The safetensors file, relative to the bundle.
        public var file: String
        /// Its lower-case hex SHA-256.
        public var sha256: String
        /// The featurizer's n-gram sizes and bucket bits.
        public var features: HashedNgramFeatures
        /// Per task name, how its overall label's two scores combine.
        public var stacks: [String: LexicalModel.Stack]
    }

    static func parseLexical(_ value: JSONValue, taskNames: Set<String>, reader r: ManifestReader) throws(EncoderError) -> Lexical {
        let o = try r.object(value, "lexical")
        let sizes = try r.intList(o, "lexical.ngram_sizes")
        let bits = try r.int(o, "lexical.bits")
        guard let features = HashedNgramFeatures(sizes: sizes, bits: bits) else {
            throw r.error("lexical.ngram_sizes", "ngram_sizes must be non-empty, each 1…16, and bits 1…24")
        }
        let stackObject = try r.object(o["stack"], "lexical.stack")
        guard !stackObject.isEmpty else { throw r.error("lexical.stack", "stack must name at least one task") }
        var stacks: [String: LexicalModel.Stack] = [:]
        for task in stackObject.keys.sorted() {
            let field = "lexical.stack." + task
            guard taskNames.contains(task) else { throw r.error(field, "'\(task)' is not a task of this bundle") }
            let s = try r.object(stackObject[task], field)
            var stack = LexicalModel.Stack(encoder: try r.number(s, field + ".encoder"),
                                           lexical: try r.number(s, field + ".lexical"),
                                           bias: try r.number(s, field + ".bias"))
            if let value = s["long_text_floor"], !value.isNull {
                stack.longTextFloor = try r.number(s, field + ".long_text_floor")
            }
            stacks[task] = stack
        }
        return Lexical(file: try r.fileName(o, "lexical.file"), sha256: try r.digest(o, "lexical.sha256"),
                       features: features, stacks: stacks)
    }
}
