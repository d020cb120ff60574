import ParapetCore

extension CompiledPolicy {
    /// Scans, resolves overlaps, applies the rules and builds the decision plus per-rule verdicts
    /// (with the reasons of rules that did not fire only when `explainAll`).
    func run(_ input: ScanInput, redactor: Redactor, explainAll: Bool,
             scanners selection: ScannerSelection = .all) -> (decision: Decision, traces: [RuleExplanation]) {
        let clock = ContinuousClock()
        let start = clock.now
        // One clock read per stage boundary: a stage's end is the next one's start.
        var stageStart = start
        func lap() -> Double {
            let now = clock.now
            defer { stageStart = now }
            return (now - stageStart).microseconds
        }
        // (`init(minimumCapacity:)` is specialised here; `reserveCapacity` on an empty dictionary
        // went through the generic entry point and a metadata lookup on every evaluation.)
        var timings = [String: Double](minimumCapacity: compiledScanners.count + 3)

        // 1. Normalise.
        let prepared = normalize ? preparer.prepare(input.text) : IdentityPreparer().prepare(input.text)
        let normalizing = lap()
        if normalize { timings["normalize"] = normalizing }

        // 2. Scan with every (selected) scanner of this direction.
        var raw: [Finding] = []
        var scores: [String: Double] = [:]
        var errors: [ScannerError] = []
        var scanInput = input
        scanInput.text = prepared.text
        for compiled in compiledScanners where compiled.directions.contains(input.direction) && selection.includes(compiled.id) {
            do {
                let outcome = try compiled.scanner.scan(scanInput)
                raw.reserveCapacity(raw.count + outcome.findings.count)
                for var finding in outcome.findings {
                    finding.scanner = compiled.id
                    if !prepared.isIdentity { finding.range = prepared.originalRange(finding.range) }
                    raw.append(finding)
                }
                scores.merge(outcome.scores) { max($0, $1) }
            } catch let error as ScannerError {
                errors.append(ScannerError(scanner: compiled.id, code: error.code, message: error.message))
            } catch {
                errors.append(ScannerError(scanner: compiled.id, code: "scanner_failed", message: "\(error)"))
            }
            timings[compiled.timingKey] = lap()
        }

        // 3. Resolve overlaps and apply the rules.
        let findings = overlap.resolve(raw)
        let traces = compiledRules.map { compiled in
            trace(compiled.rule, findings: findings, scores: scores, direction: input.direction,
                  description: compiled.conditionDescription, explainAll: explainAll)
        }
        var decision = decide(input, findings: findings, scores: scores, errors: errors, traces: traces, redactor: redactor)
        timings["evaluate"] = lap()
        timings["total"] = (stageStart - start).microseconds
        decision.timings = timings
        return (decision, traces)
    }

    /// Combines the rule verdicts into a decision: strongest action wins, rewrites applied together.
    func decide(
        _ input: ScanInput, findings: [Finding], scores: [String: Double], errors: [ScannerError],
        traces: [RuleExplanation], redactor: Redactor
    ) -> Decision {
        var fired: [RuleFiring] = []
        var flags = [String: Bool](minimumCapacity: flagKeyCount)
        for (compiled, trace) in zip(compiledRules, traces) {
            // A flag for each score that ran (the scoring format's `flags`: one per key in `scores`).
            if case .score(let condition) = compiled.rule.condition, scores[condition.key] != nil {
                flags[condition.key] = (flags[condition.key] ?? false) || trace.fired
            }
            if trace.fired {
                fired.append(RuleFiring(rule: trace.rule, action: trace.action, findingIndices: trace.findingIndices,
                                        reason: trace.reason))
            }
        }
        if !errors.isEmpty, onScannerError == .block {
            let failed = errors.map(\.scanner).joined(separator: ", ")
            fired.append(RuleFiring(rule: "on_scanner_error", action: .block,
                                    reason: "scanner \(failed) failed and the policy fails closed"))
        }
        let enforced = fired.map(\.action).max() ?? .allow

        var message = zip(compiledRules, traces).first { $0.1.fired && $0.1.action == enforced && $0.0.rule.message != nil }?.0.rule.message
        if enforced == .block, message == nil {
            let rule = fired.first { $0.action == .block }?.rule ?? "on_scanner_error"
            message = rule == "on_scanner_error"
                ? "Blocked by policy '\(name)': a scanner failed and the policy fails closed."
                : "Blocked by policy '\(name)' (rule \(rule))."
        }

        var text: String? = input.text
        var action = enforced
        switch (mode, enforced) {
        case (.monitor, .block), (.monitor, .rewrite):
            action = .flag
        case (.enforce, .block):
            text = nil
        case (.enforce, .rewrite):
            text = redactor.redact(input.text, edits: edits(findings: findings, traces: traces),
                                   conversation: input.conversationID ?? PseudonymVault.defaultConversation)
        default:
            break
        }
        return Decision(
            action: action, wouldBe: enforced, text: text, message: message, findings: findings, scores: scores,
            flags: flags, rulesFired: fired, policy: name, policyDigest: digest, errors: errors)
    }

    /// One edit per finding matched by a firing rewrite rule, with the first such rule's operator.
    func edits(findings: [Finding], traces: [RuleExplanation]) -> [Redactor.Edit] {
        // Indexed by finding: the first firing rewrite rule's operator (no dictionary to hash
        // into and sort on every rewritten text).
        var chosen = [RedactionOperator?](repeating: nil, count: findings.count)
        var count = 0
        for (index, trace) in traces.enumerated() where trace.fired && trace.action == .rewrite {
            guard let op = compiledRules[index].redactionOperator else { continue }
            for findingIndex in trace.findingIndices where chosen[findingIndex] == nil {
                chosen[findingIndex] = op
                count += 1
            }
        }
        var edits: [Redactor.Edit] = []
        edits.reserveCapacity(count)
        for (index, op) in chosen.enumerated() {
            if let op { edits.append(Redactor.Edit(finding: findings[index], operator: op)) }
        }
        return edits
    }
}
