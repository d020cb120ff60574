import ParapetCore
internal import Yams

extension PolicyDocument {
    /// The `then` part of a rule.
    struct Then {
        var action: Action
        var message: String?
        var `operator`: OperatorSpec?
    }

    static func parseThen(_ node: Node, reader r: NodeReader) -> Then? {
        guard let map = r.mapping(node, what: "then", allowed: thenKeys, required: ["action"]) else { return nil }
        let action = map["action"].flatMap { r.choice($0, what: "action", as: Action.self) }
        let message = map["message"].flatMap { r.string($0, what: "message") }
        var op: OperatorSpec?
        var ok = true
        if let opNode = map["operator"] {
            if let action, action != .rewrite {
                r.record(opNode, PolicyError.Code.badValue, "'operator' only applies to action rewrite, not \(action.rawValue)")
            }
            op = parseOperator(opNode, options: map["options"], reader: r)
            ok = op != nil
        } else if let optionsNode = map["options"] {
            r.record(optionsNode, PolicyError.Code.badValue, "'options' needs an 'operator'")
        } else if action == .rewrite {
            op = .replace(template: "<{TYPE}>")
        }
        guard let action, ok else { return nil }
        return Then(action: action, message: message, operator: action == .rewrite ? op : nil)
    }

    static func parseOperator(_ node: Node, options: Node?, reader r: NodeReader) -> OperatorSpec? {
        guard let name = r.string(node, what: "operator") else { return nil }
        let allowedOptions: [String]
        switch name {
        case "mask": allowedOptions = ["char", "keep_last", "keep_separators"]
        case "replace": allowedOptions = ["template"]
        case "hash": allowedOptions = ["key_env", "length"]
        case "pseudonymize", "remove": allowedOptions = []
        default:
            let hint = NodeReader.closest(to: name, in: OperatorSpec.names).map { "; did you mean '\($0)'?" } ?? ""
            r.record(node, PolicyError.Code.unknownOperator,
                     "unknown operator '\(NodeReader.preview(name))'\(hint) (known: \(OperatorSpec.names.joined(separator: ", ")))")
            return nil
        }
        var values: [String: Node] = [:]
        if let options {
            guard let map = r.mapping(options, what: "options of \(name)", allowed: allowedOptions,
                                      required: name == "hash" ? ["key_env"] : [])
            else { return nil }
            values = map
        } else if name == "hash" {
            r.record(node, PolicyError.Code.missingKey, "operator hash needs options: { key_env: VARIABLE }")
            return nil
        }
        let errorsBefore = r.problemCount
        let spec: OperatorSpec?
        switch name {
        case "mask":
            var character: Character = "*"
            if let n = values["char"], let s = r.string(n, what: "char") {
                if s.count == 1, let c = s.first { character = c } else {
                    r.record(n, PolicyError.Code.badValue, "char must be exactly one character, found '\(NodeReader.preview(s))'")
                }
            }
            let keepLast = values["keep_last"].flatMap { r.int($0, what: "keep_last", min: 0) } ?? 0
            let keepSeparators = values["keep_separators"].flatMap { r.bool($0, what: "keep_separators") } ?? false
            spec = .mask(character: character, keepLast: keepLast, keepSeparators: keepSeparators)
        case "replace":
            spec = .replace(template: values["template"].flatMap { r.string($0, what: "template") } ?? "<{TYPE}>")
        case "hash":
            var variable = values["key_env"].flatMap { r.string($0, what: "key_env") }
            if let name = variable, name.isEmpty, let node = values["key_env"] {
                r.record(node, PolicyError.Code.badValue, "key_env must name an environment variable, found an empty string")
                variable = nil
            }
            let length = values["length"].flatMap { r.int($0, what: "length", min: 4, max: 64) } ?? 16
            spec = variable.map { .hash(keyEnvironmentVariable: $0, length: length) }
        case "pseudonymize":
            spec = .pseudonymize
        default:
            spec = .remove
        }
        return r.problemCount == errorsBefore ? spec : nil
    }
}
