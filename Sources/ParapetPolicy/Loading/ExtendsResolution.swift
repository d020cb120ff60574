import Foundation

/// Follows a policy's `extends` chain, parsing each file once and merging child over parent.
struct ExtendsResolution {
    let loader: PolicyLoader
    /// Problems from every file of the chain.
    private(set) var errors: [PolicyError] = []
    /// Scanner ids any file of the chain declares.
    private(set) var declaredScannerIDs: Set<String> = []
    /// Every rule's `scanner:` of every file, even in rules with other problems.
    private(set) var scannerReferences: [(id: String, location: SourceLocation)] = []
    /// Whether a parent could not be read or parsed (later cross-checks would only add noise).
    private(set) var incomplete = false
    /// Files being resolved, outermost first.
    private var stack: [String] = []
    /// Every file read, the policy's own first, then its parents (what a reload must watch).
    private(set) var files: [String] = []

    init(loader: PolicyLoader) {
        self.loader = loader
    }

    /// The document of `source` merged over its ancestors; `nil` if `source` itself does not parse.
    ///
    /// A parent (`extendedFrom` names the child's `extends`) that has problems and neither
    /// `version` nor `name` is not a policy at all: one error at the `extends` says so, and the
    /// parent's own errors, which would quote its content, are not reported.
    mutating func resolve(
        yaml: String, source: String, extendedFrom: (name: String, location: SourceLocation)? = nil
    ) -> PolicyDocument? {
        stack.append(Self.identity(source))
        defer { stack.removeLast() }
        files.append(source)
        let reader = NodeReader(file: source)
        let parsed = PolicyDocument.parse(yaml: yaml, reader: reader)
        if let from = extendedFrom, !reader.errors.isEmpty, !reader.foundPolicyKeys, !Self.namesPolicyKeys(yaml) {
            errors.append(from.location.error(
                PolicyError.Code.extendsNotFound,
                "extends '\(NodeReader.preview(from.name))': '\(source)' is not a policy (it has neither 'version' nor 'name'); its content is not shown"))
            incomplete = true
            return nil
        }
        errors += reader.errors
        declaredScannerIDs.formUnion(reader.declaredScannerIDs)
        scannerReferences += reader.declared(.scannerReference)
        guard let document = parsed else {
            incomplete = true
            return nil
        }
        guard let parentName = document.extends else { return document }
        let location = document.extendsLocation ?? document.location
        let directory = (source as NSString).deletingLastPathComponent
        guard let parentPath = loader.locate(parentName, relativeTo: directory.isEmpty ? "." : directory) else {
            let elsewhere = loader.searchPaths.isEmpty ? "" : " or in \(loader.searchPaths.joined(separator: ", "))"
            errors.append(location.error(
                PolicyError.Code.extendsNotFound, "extends '\(parentName)': no such policy beside this file\(elsewhere)"))
            incomplete = true
            return document
        }
        let parentIdentity = Self.identity(parentPath)
        if let start = stack.firstIndex(of: parentIdentity) {
            let chain = (stack[start...] + [parentIdentity]).map { ($0 as NSString).lastPathComponent }
            errors.append(location.error(PolicyError.Code.extendsCycle, "extends cycle: \(chain.joined(separator: " → "))"))
            incomplete = true
            return document
        }
        var readErrors: [PolicyError] = []
        guard let text = PolicyLoader.read(parentPath, errors: &readErrors) else {
            errors += readErrors
            incomplete = true
            return document
        }
        guard let parent = resolve(yaml: text, source: parentPath, extendedFrom: (parentName, location)) else { return document }
        return document.merged(over: parent)
    }

    /// A file's identity for cycle detection: its absolute, symlink-free path.
    static func identity(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
    }

    /// Whether a text that could not be read as YAML still has a top-level `version:` or `name:`
    /// line: then it is a policy with a syntax error, whose errors (in its own lines) are shown,
    /// not "not a policy" (which hid a parent's syntax error before 2026-12-02).
    static func namesPolicyKeys(_ yaml: String) -> Bool {
        yaml.split(whereSeparator: \.isNewline).contains { line in
            ["version", "name"].contains { key in
                line.hasPrefix(key) && line.dropFirst(key.count).drop { $0 == " " || $0 == "\t" }.first == ":"
            }
        }
    }
}
