import ParapetRegex

extension PatternDefinition {
    /// The PCRE2 options the definition's `options` names.
    var regexOptions: RegexOptions {
        var options: RegexOptions = []
        for option in self.options {
            switch option {
            case "caseless": options.insert(.caseless)
            case "multiline": options.insert(.multiline)
            case "dot_all": options.insert(.dotAll)
            case "extended": options.insert(.extended)
            case "ucp": options.insert(.unicodeProperties)
            case "ungreedy": options.insert(.ungreedy)
            default: break
            }
        }
        return options
    }

    /// The capture group numbers the reported span is taken from, in order (`[0]`: the whole
    /// match), or a message saying why `regex` has no such group.
    func spanGroups(in regex: CompiledRegex) -> Result<[Int], SpanGroupError> {
        let groups: [Int]
        switch group {
        case nil: groups = [0]
        case .index(let index): groups = [index]
        case .firstOf(let list): groups = list
        case .name(let name):
            guard let index = regex.captureIndex(named: name) else {
                return .failure(SpanGroupError(message: "pattern '\(self.name)' has no group named '\(name)'"))
            }
            groups = [index]
        }
        for group in groups where group > regex.captureCount || group < 0 {
            return .failure(SpanGroupError(
                message: "pattern '\(name)' has \(regex.captureCount) groups; group \(group) does not exist"))
        }
        return .success(groups)
    }
}

/// Why a pattern's `group` names no group of its regex.
struct SpanGroupError: Error {
    let message: String
}
