public import ParapetCore
import Foundation

/// Registers the `classifier` scanner type with a ``ScannerRegistry``.
///
/// Params: `bundle` (required: a folder name under `classifiers_dir`, or a path containing `/`),
/// `models_dir` (default `$PARAPET_MODELS_DIR`, else `models-cache`), `classifiers_dir` (default
/// `$PARAPET_CLASSIFIERS_DIR`, else `classifiers`), `tasks` (optional subset of the bundle's
/// tasks), `max_tokens` (the longest text scored, in WordPieces, default 16,384; see
/// ``ClassifierScanner/defaultMaxTokens``). A bundle is loaded once per process and shared by every scanner and policy naming it
/// (see ``ClassifierCache``).
public enum ClassifierScanners {
    /// The parameters the `classifier` type accepts.
    public static let parameters: Set<String> = ["bundle", "models_dir", "classifiers_dir", "tasks", "max_tokens"]

    /// Adds the `classifier` factory, loading bundles through `cache`.
    public static func register(into registry: inout ScannerRegistry, cache: ClassifierCache = .shared) {
        registry.register("classifier") { id, parameters in try make(id: id, parameters: parameters, cache: cache) }
    }

    /// Builds a scanner from policy parameters.
    public static func make(id: String, parameters: [String: ParameterValue], cache: ClassifierCache = .shared) throws -> ClassifierScanner {
        var problems = ParameterProblems()
        problems.rejectUnknown(parameters, known: Self.parameters, scannerType: "classifier")
        let bundle = parameters["bundle"]?.stringValue ?? ""
        if bundle.isEmpty { problems.bad("bundle", "classifier needs 'bundle', a bundle name under classifiers/ or a path") }
        let modelsDir = problems.check { try string("models_dir", parameters) } ?? nil
        let classifiersDir = problems.check { try string("classifiers_dir", parameters) } ?? nil
        var tasks: [String]?
        if let value = parameters["tasks"] {
            if let list = value.stringList, !list.isEmpty {
                tasks = list
            } else {
                problems.bad("tasks", "'tasks' must be a non-empty list of task names")
            }
        }
        var maxTokens = ClassifierScanner.defaultMaxTokens
        if let value = parameters["max_tokens"] {
            if let number = value.numberValue, number == number.rounded(), number >= 1, number <= Double(1 << 30) {
                maxTokens = Int(number)
            } else {
                problems.bad("max_tokens", "'max_tokens' must be a whole number of WordPieces from 1 to 1073741824")
            }
        }
        try problems.throwIfAny()
        let path = bundlePath(bundle, classifiersDirectory: classifiersDir)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
            let lookedUp = bundle.contains("/") ? "" : " (a bundle name is looked up under classifiers_dir, else $PARAPET_CLASSIFIERS_DIR, else ./classifiers)"
            throw ScannerConfigurationError(
                code: "bundle_not_found", message: "no classifier bundle folder at '\(path)'\(lookedUp)", parameter: "bundle")
        }
        let classifier: Classifier
        do {
            classifier = try cache.classifier(bundle: path, modelsDirectory: modelsDir ?? ModelStore.defaultRoot)
        } catch {
            throw ScannerConfigurationError(code: error.code.rawValue, message: "cannot load classifier bundle: \(error)", parameter: "bundle")
        }
        return try ClassifierScanner(id: id, classifier: classifier, tasks: tasks, maxTokens: maxTokens)
    }

    /// A bundle's folder: `nameOrPath` itself when it contains `/`, else `nameOrPath` under
    /// `classifiersDirectory` (default `$PARAPET_CLASSIFIERS_DIR`, else `classifiers`).
    public static func bundlePath(_ nameOrPath: String, classifiersDirectory: String? = nil) -> String {
        if nameOrPath.contains("/") { return nameOrPath }
        let root = classifiersDirectory ?? ProcessInfo.processInfo.environment["PARAPET_CLASSIFIERS_DIR"] ?? "classifiers"
        return root + "/" + nameOrPath
    }

    private static func string(_ name: String, _ parameters: [String: ParameterValue]) throws(ScannerConfigurationError) -> String? {
        guard let value = parameters[name] else { return nil }
        guard let s = value.stringValue, !s.isEmpty else { throw bad(name, "'\(name)' must be a non-empty path") }
        return s
    }

    private static func bad(_ parameter: String, _ message: String) -> ScannerConfigurationError {
        ScannerConfigurationError(code: "bad_parameter", message: message, parameter: parameter)
    }
}
