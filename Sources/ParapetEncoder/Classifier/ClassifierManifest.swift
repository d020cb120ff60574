import Foundation

/// A classifier bundle's `manifest.json`: the backbone it adapts, the LoRA adapter, the heads and
/// the tasks with their labels and thresholds (format 1, see docs/classifiers-runtime.md).
public struct ClassifierManifest: Sendable, Hashable {
    /// The pinned backbone model.
    public struct Backbone: Sendable, Hashable {
        /// The model's folder name in the model cache (`all-MiniLM-L6-v2`).
        public var name: String
        /// Lower-case hex SHA-256 of the backbone's `model.safetensors`.
        public var sha256: String
    }

    /// The LoRA adapter merged into the backbone at load.
    public struct Adapter: Sendable, Hashable {
        /// The safetensors file, relative to the bundle.
        public var file: String
        /// Its lower-case hex SHA-256.
        public var sha256: String
        /// The LoRA rank r.
        public var rank: Int
        /// The LoRA alpha; the update is scaled by alpha / rank.
        public var alpha: Double
        /// The adapted layer indices.
        public var layers: [Int]
        /// The adapted linear layers within each layer (`attention.self.query`, `output.dense`, …).
        public var targets: [String]
    }

    /// A bundle file pinned by digest.
    public struct PinnedFile: Sendable, Hashable {
        /// The file, relative to the bundle.
        public var file: String
        /// Its lower-case hex SHA-256.
        public var sha256: String
    }

    /// Which texts a task scores.
    public enum TaskDirection: String, Sendable, Hashable, CaseIterable {
        /// Prompts only.
        case input
        /// Answers only.
        case output
        /// Both.
        case both
    }

    /// One task: a head on the pooled embedding with one or more sigmoid labels.
    public struct Task: Sendable, Hashable {
        /// The task name, also its first label (`injection`, `toxicity`, `unsafe`).
        public var name: String
        /// Which texts it scores.
        public var direction: TaskDirection
        /// Label names: the task name first, then `task.sub` labels.
        public var labels: [String]
        /// Width of the optional hidden layer (0: the out layer reads the pooled embedding).
        public var hidden: Int
        /// The hidden layer's activation: `none`, `tanh`, `gelu` or `relu`.
        public var activation: String
        /// Per label, the probability at or above which it fires.
        public var thresholds: [String: Double]
    }

    /// The manifest format version (1).
    public var format: Int
    /// The bundle's name.
    public var name: String
    /// The bundle's version.
    public var version: String
    /// The backbone it adapts.
    public var backbone: Backbone
    /// The LoRA adapter (`nil`: heads on the frozen encoder).
    public var adapter: Adapter?
    /// The heads file.
    public var heads: PinnedFile
    /// How window states become the heads' input.
    public var pooling: Pooling
    /// Tokens per window, `[CLS]` and `[SEP]` included.
    public var maxTokens: Int
    /// Tokens per short window, specials included, read besides the full windows of a text longer
    /// than one full window (`short_window_tokens`, optional; 0: none). Short windows start every
    /// `short_window_tokens / 2` tokens; texts that fit one full window never use them.
    public var shortWindowTokens: Int = 0
    /// The tasks whose labels take short windows into their maximum (`short_window_tasks`,
    /// optional; default every task). The others read a long text in full windows only.
    public var shortWindowTasks: Set<String>? = nil
    /// WordPieces of a context (the system prompt) read after every window as `context [SEP]`
    /// (`context_tokens`, optional; 0: texts are read alone).
    public var contextTokens: Int = 0
    /// Transforms applied to a text before the encoder reads it, in order (`text_transforms`,
    /// optional; ``textTransformNames`` lists the known ones). The n-gram model reads the text as given.
    public var textTransforms: [String] = []
    /// The tasks, in file order.
    public var tasks: [Task]
    /// The optional n-gram model stacked with some tasks' overall label.
    public var lexical: Lexical? = nil

    /// Every label of every task, in order.
    public var labels: [String] { tasks.flatMap(\.labels) }

    /// The text transforms a bundle may ask for.
    public static let textTransformNames: Set<String> = ["collapse_letter_spacing"]

    /// The activations a head may use.
    public static let activations: Set<String> = ["none", "tanh", "gelu", "relu"]

    /// Reads and validates `manifest.json` at `path`; errors name the file and the field.
    public static func load(path: String) throws(EncoderError) -> ClassifierManifest {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw EncoderError(.badManifest, "cannot read the bundle manifest", path: path)
        }
        guard let root = JSONValue.parse(data) else {
            throw EncoderError(.badManifest, "manifest is not valid JSON", path: path)
        }
        return try parse(root, path: path)
    }

    /// Validates a parsed manifest.
    static func parse(_ root: JSONValue, path: String) throws(EncoderError) -> ClassifierManifest {
        let r = ManifestReader(path: path)
        let top = try r.object(root, "")
        let format = try r.int(top, "format")
        guard format == 1 else { throw r.error("format", "format \(format) is not supported (1 is)") }
        let backboneObject = try r.object(top["backbone"], "backbone")
        let backbone = Backbone(name: try r.name(backboneObject, "backbone.name"),
                                sha256: try r.digest(backboneObject, "backbone.sha256"))
        var adapter: Adapter?
        if let value = top["adapter"], !value.isNull {
            let a = try r.object(value, "adapter")
            let rank = try r.int(a, "adapter.rank")
            guard rank >= 1 else { throw r.error("adapter.rank", "rank must be at least 1") }
            let alpha = try r.number(a, "adapter.alpha")
            let layers = try r.intList(a, "adapter.layers")
            guard !layers.isEmpty, Set(layers).count == layers.count else {
                throw r.error("adapter.layers", "layers must be a non-empty list without repeats")
            }
            let targets = try r.stringList(a, "adapter.targets")
            guard !targets.isEmpty, Set(targets).count == targets.count else {
                throw r.error("adapter.targets", "targets must be a non-empty list without repeats")
            }
            for t in targets where LoRAAdapter.targetShape(t, hidden: 1, intermediate: 2) == nil {
                throw r.error("adapter.targets", "unknown target '\(t)' (known: \(LoRAAdapter.targets.joined(separator: ", ")))")
            }
            adapter = Adapter(file: try r.fileName(a, "adapter.file"), sha256: try r.digest(a, "adapter.sha256"),
                              rank: rank, alpha: alpha, layers: layers, targets: targets)
        }
        let headsObject = try r.object(top["heads"], "heads")
        let heads = PinnedFile(file: try r.fileName(headsObject, "heads.file"), sha256: try r.digest(headsObject, "heads.sha256"))
        let poolingName = try r.string(top, "pooling")
        guard let pooling = Pooling(rawValue: poolingName) else {
            throw r.error("pooling", "pooling '\(poolingName)' is not mean or cls")
        }
        let maxTokens = try r.int(top, "max_tokens")
        guard maxTokens >= 3 else { throw r.error("max_tokens", "max_tokens must be at least 3") }
        var contextTokens = 0
        if let value = top["context_tokens"], !value.isNull {
            contextTokens = try r.int(top, "context_tokens")
            guard contextTokens >= 0 else { throw r.error("context_tokens", "context_tokens must be 0 or more") }
        }
        var shortWindowTokens = 0
        if let value = top["short_window_tokens"], !value.isNull {
            shortWindowTokens = try r.int(top, "short_window_tokens")
            guard shortWindowTokens == 0 || (4..<maxTokens).contains(shortWindowTokens) else {
                throw r.error("short_window_tokens", "short_window_tokens must be 0 or from 4 to max_tokens − 1 (\(maxTokens - 1))")
            }
        }
        guard case .array(let taskValues)? = top["tasks"], !taskValues.isEmpty else {
            throw r.error("tasks", "tasks must be a non-empty list")
        }
        var tasks: [Task] = []
        for (i, value) in taskValues.enumerated() {
            tasks.append(try parseTask(value, field: "tasks[\(i)]", reader: r))
        }
        let all = tasks.flatMap(\.labels)
        if let dup = Dictionary(grouping: all, by: { $0 }).first(where: { $0.value.count > 1 })?.key {
            throw r.error("tasks", "label '\(dup)' appears twice")
        }
        var manifest = ClassifierManifest(
            format: format, name: try r.name(top, "name"), version: try r.string(top, "version"),
            backbone: backbone, adapter: adapter, heads: heads, pooling: pooling, maxTokens: maxTokens, tasks: tasks)
        manifest.contextTokens = contextTokens
        manifest.shortWindowTokens = shortWindowTokens
        if let value = top["short_window_tasks"], !value.isNull {
            let names = try r.stringList(top, "short_window_tasks")
            for name in names where !tasks.contains(where: { $0.name == name }) {
                throw r.error("short_window_tasks", "short_window_tasks names '\(name)', which is not a task")
            }
            manifest.shortWindowTasks = Set(names)
        }
        if let value = top["text_transforms"], !value.isNull {
            manifest.textTransforms = try r.stringList(top, "text_transforms")
            for name in manifest.textTransforms where !textTransformNames.contains(name) {
                throw r.error("text_transforms", "unknown text transform '\(name)' (known: \(textTransformNames.sorted().joined(separator: ", ")))")
            }
        }
        if let value = top["lexical"], !value.isNull {
            manifest.lexical = try parseLexical(value, taskNames: Set(tasks.map(\.name)), reader: r)
        }
        return manifest
    }

    private static func parseTask(_ value: JSONValue, field f: String, reader r: ManifestReader) throws(EncoderError) -> Task {
        let t = try r.object(value, f)
        let name = try r.name(t, f + ".name")
        let directionName = try r.string(t, f + ".direction")
        guard let direction = TaskDirection(rawValue: directionName) else {
            throw r.error(f + ".direction", "direction '\(directionName)' is not input, output or both")
        }
        let labels = try r.stringList(t, f + ".labels")
        guard labels.first == name else {
            throw r.error(f + ".labels", "the first label must be the task name '\(name)'")
        }
        for label in labels.dropFirst() where !label.hasPrefix(name + ".") || label.count <= name.count + 1 {
            throw r.error(f + ".labels", "label '\(label)' must be named '\(name).<sub>'")
        }
        let hidden = try r.int(t, f + ".hidden")
        guard hidden >= 0 else { throw r.error(f + ".hidden", "hidden must be 0 or more") }
        let activation = try r.string(t, f + ".activation")
        guard activations.contains(activation) else {
            throw r.error(f + ".activation", "activation '\(activation)' is not one of \(activations.sorted().joined(separator: ", "))")
        }
        guard hidden > 0 || activation == "none" else {
            throw r.error(f + ".activation", "a head without a hidden layer takes activation 'none'")
        }
        let thresholdObject = try r.object(t["thresholds"], f + ".thresholds")
        var thresholds: [String: Double] = [:]
        for label in labels {
            let value = try r.number(thresholdObject, f + ".thresholds." + label, key: label)
            guard value >= 0, value <= 1 else { throw r.error(f + ".thresholds." + label, "threshold must be in 0…1") }
            thresholds[label] = value
        }
        for key in thresholdObject.keys where !labels.contains(key) {
            throw r.error(f + ".thresholds." + key, "threshold for '\(key)', which is not a label of task '\(name)'")
        }
        return Task(name: name, direction: direction, labels: labels, hidden: hidden, activation: activation,
                    thresholds: thresholds)
    }
}
