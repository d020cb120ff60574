/// A scanner parameter as written in a policy, independent of YAML.
public indirect enum ParameterValue: Sendable, Hashable {
    case string(String)
    case number(Double)
    case bool(Bool)
    case list([ParameterValue])
    case map([String: ParameterValue])

    /// The string, if this is one.
    public var stringValue: String? { if case .string(let s) = self { s } else { nil } }
    /// The number, if this is one.
    public var numberValue: Double? { if case .number(let n) = self { n } else { nil } }
    /// The boolean, if this is one.
    public var boolValue: Bool? { if case .bool(let b) = self { b } else { nil } }
    /// The list, if this is one.
    public var listValue: [ParameterValue]? { if case .list(let l) = self { l } else { nil } }
    /// The map, if this is one.
    public var mapValue: [String: ParameterValue]? { if case .map(let m) = self { m } else { nil } }
    /// A list of strings, if this is a list of strings (or a single string).
    public var stringList: [String]? {
        if case .string(let s) = self { return [s] }
        guard let list = listValue else { return nil }
        let strings = list.compactMap(\.stringValue)
        return strings.count == list.count ? strings : nil
    }
}
