public import ParapetCore

extension FakeScanner {
    /// Registers the fake under `type`, configured from policy parameters:
    /// `findings: [{text, category, score?, rule?}]`, `scores: [{key, score, when?}]`,
    /// `fail: {code?, message?, when?}`. Unknown parameters are rejected like a real scanner would.
    public static func register(in registry: inout ScannerRegistry, type: String = "fake") {
        registry.register(type) { id, parameters in try FakeScanner(id: id, parameters: parameters) }
    }

    /// Builds a fake from policy parameters.
    /// - Throws: ``ScannerConfigurationError`` (`bad_parameter`) for unknown or malformed parameters.
    public init(id: String, parameters: [String: ParameterValue]) throws {
        func bad(_ name: String, _ message: String) -> ScannerConfigurationError {
            ScannerConfigurationError(code: "bad_parameter", message: message, parameter: name)
        }
        for key in parameters.keys.sorted() where !["findings", "scores", "fail"].contains(key) {
            throw bad(key, "unknown parameter '\(key)' (known: findings, scores, fail)")
        }
        var needles: [Needle] = []
        for item in parameters["findings"]?.listValue ?? [] {
            guard let map = item.mapValue, let text = map["text"]?.stringValue,
                let category = map["category"]?.stringValue
            else { throw bad("findings", "each finding needs text and category") }
            needles.append(Needle(text, category: Category(rawValue: category),
                                  score: map["score"]?.numberValue ?? 0.9, rule: map["rule"]?.stringValue))
        }
        var scores: [Score] = []
        for item in parameters["scores"]?.listValue ?? [] {
            guard let map = item.mapValue, let key = map["key"]?.stringValue, let value = map["score"]?.numberValue
            else { throw bad("scores", "each score needs key and score") }
            scores.append(Score(key: key, value: value, when: map["when"]?.stringValue))
        }
        var failure: Failure?
        if let fail = parameters["fail"] {
            guard let map = fail.mapValue else { throw bad("fail", "fail must be a mapping") }
            failure = Failure(code: map["code"]?.stringValue ?? "fake_failure",
                              message: map["message"]?.stringValue ?? "the fake scanner was told to fail",
                              when: map["when"]?.stringValue)
        }
        self.init(id: id, needles: needles, scores: scores, failure: failure)
    }
}
