/// The checks a YAML text read elsewhere than as a policy (the server's configuration) goes
/// through before it is composed, and its positions as an editor shows them.
package enum YAMLPrecheck {
    /// Why `yaml` must not be composed, as `line:column: message`: a key inside a key (see
    /// ``NestedKeyCheck``) or aliases that expand far beyond the text or sit in a key (see
    /// ``AliasCheck``); `nil` when it may be.
    package static func refusal(_ yaml: String) -> String? {
        if let inner = NestedKeyCheck.problem(yaml) {
            let at = position(line: inner.line, column: inner.column, in: yaml)
            return "\(at.line):\(at.column): \(NestedKeyCheck.message)"
        }
        return AliasCheck.refusal(yaml)
    }

    /// The file's line and column of a position libyaml (or a Yams `Mark`) gives for `yaml`
    /// (see ``YAMLLineMap``).
    package static func position(line: Int, column: Int, in yaml: String) -> (line: Int, column: Int) {
        YAMLLineMap(yaml).position(line: line, column: column)
    }
}
