import ParapetCore
internal import Yams

extension NodeReader {
    /// Parses YAML text into a node tree, recording a `yaml_syntax` error on failure.
    ///
    /// Before anything is composed: a key inside a key is refused (see ``NestedKeyCheck``);
    /// every repeated key is recorded and renamed (see ``DuplicateKeys``), so that the file is
    /// composed once and its other problems are reported beside the repeats; aliases are checked
    /// on a shadow of the text (see ``AliasCheck``), and a file whose aliases expand far beyond
    /// its size or nest too deep, or that uses one in a key, gets `alias_expansion` and is never
    /// expanded. A leading byte-order mark is skipped. Locations are the file's lines and
    /// columns (see ``YAMLLineMap``), as if no key had been renamed.
    func compose(_ yaml: String) -> Node? {
        var text = yaml.unicodeScalars.first == "\u{FEFF}" ? String(yaml.unicodeScalars.dropFirst()) : yaml
        lineMap = YAMLLineMap(text)
        if let inner = NestedKeyCheck.problem(text) {
            record(location(line: inner.line, column: inner.column), PolicyError.Code.badType, NestedKeyCheck.message)
            return nil
        }
        let duplicates = DuplicateKeys(text, lineMap: lineMap)
        for repeated in duplicates.repeats {
            record(.init(file: file, line: repeated.line, column: repeated.column), PolicyError.Code.duplicateKey,
                   "duplicate key '\(Self.preview(repeated.key))' (first at line \(repeated.firstLine))")
        }
        let renamedAll = duplicates.allRenamed
        if !duplicates.repeats.isEmpty {
            text = duplicates.yaml
            lineMap = YAMLLineMap(text)
            renames = duplicates
        }
        let outcome: Outcome
        if text.utf8.contains(UInt8(ascii: "*")) {
            let shadow = AliasCheck.shadow(text)
            do {
                if let problem = try AliasCheck.problem(shadow: shadow, limit: AliasCheck.limit(for: text)) {
                    let at = problem.mark.map { shadowLocation($0, in: shadow) } ?? .init(file: file, line: 1, column: 1)
                    record(at, PolicyError.Code.aliasExpansion, problem.message)
                    return nil
                }
                outcome = attempt(text, mapping: location)
            } catch {
                outcome = .failed(error, { self.shadowLocation($0, in: shadow) })
            }
        } else {
            outcome = attempt(text, mapping: location)
        }
        switch outcome {
        case .composed(let node):
            return node
        case .empty:
            record(.init(file: file, line: 1, column: 1), PolicyError.Code.missingKey, "the file is empty")
            return nil
        case .failed(YamlError.duplicatedKeysInMapping(let duplicates, let context), let at):
            // Left to the composer: keys that are mappings or lists, and keys spanning lines (already
            // reported at their repeat).
            if !duplicates.contains("<uncovertable>"), !renamedAll { return nil }
            let names = duplicates.map { $0 == "<uncovertable>" ? "(a mapping or a list)" : "'\(Self.preview($0))'" }
            record(at(context.mark), PolicyError.Code.duplicateKey, "duplicate key \(names.joined(separator: ", "))")
            return nil
        case .failed(let error as YamlError, let at):
            recordSyntax(error, at: at, text: text)
            return nil
        case .failed(let error, _):
            record(.init(file: file, line: 1, column: 1), PolicyError.Code.yamlSyntax, "\(error)")
            return nil
        }
    }

    /// A parse's result, with how to locate the marks of its error.
    private enum Outcome {
        case composed(Node)
        case empty
        case failed(any Error, (Mark) -> SourceLocation)
    }

    private func attempt(_ text: String, mapping: @escaping (Mark) -> SourceLocation) -> Outcome {
        do {
            return try Yams.compose(yaml: text).map(Outcome.composed) ?? .empty
        } catch {
            return .failed(error, mapping)
        }
    }

    /// Where a mark of the shadow is in the text (only columns after a replaced alias move).
    private func shadowLocation(_ mark: Mark, in shadow: String) -> SourceLocation {
        let at = AliasCheck.textPosition(line: mark.line, column: mark.column, inShadow: shadow)
        return fileLocation(line: at.line, column: at.column)
    }

    /// Whether `key` is a repeated key renamed by ``compose(_:)``: its entry is to be skipped.
    func isRenamedRepeat(_ key: Node) -> Bool {
        guard let renames, case .scalar(let scalar) = key else { return false }
        return renames.placeholders.contains(scalar.string)
    }

    private func recordSyntax(_ error: YamlError, at: (Mark) -> SourceLocation, text: String) {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
            .composer(_, let problem, let mark, _):
            // libyaml's own wording names its C setter.
            let message = problem.hasPrefix("Maximum nesting level") ? "the file nests deeper than 1,000 levels" : problem
            record(at(mark), PolicyError.Code.yamlSyntax, message)
        case .reader(let problem, let offset, _, _):
            // Invalid UTF-8 is refused before parsing; what the reader refuses here is a control
            // character (a NUL), located by Yams in Characters from the start.
            let index = text.index(text.startIndex, offsetBy: offset ?? 0, limitedBy: text.endIndex) ?? text.startIndex
            let (line, column) = Self.position(ofByte: text.utf8.distance(from: text.utf8.startIndex, to: index), in: text)
            record(fileLocation(line: line, column: column), PolicyError.Code.yamlSyntax, problem)
        default:
            record(.init(file: file, line: 1, column: 1), PolicyError.Code.yamlSyntax, "\(error)")
        }
    }

    /// The 1-based line and column (in Unicode scalars) of a UTF-8 byte offset.
    static func position(ofByte offset: Int, in text: String) -> (line: Int, column: Int) {
        var line = 1
        var column = 1
        var consumed = 0
        for scalar in text.unicodeScalars {
            if consumed >= offset { break }
            consumed += UTF8.width(scalar)
            if scalar == "\n" { (line, column) = (line + 1, 1) } else { column += 1 }
        }
        return (line, column)
    }
}
