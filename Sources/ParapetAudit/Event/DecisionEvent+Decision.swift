public import ParapetCore

extension DecisionEvent {
    /// Builds the masked event for a decision.
    ///
    /// Findings keep their category, scanner, rule, score and byte range, never the matched text.
    /// The decision's text is kept (as `privacy` allows) only when the action is `rewrite`, so
    /// an original text, which allow, flag and monitor-mode decisions carry, is never stored.
    public init(decision: Decision, context: AuditContext, privacy: TextPrivacy = .hash) {
        let time = context.timeMicros ?? AuditClock.nowMicros()
        self.init(
            id: EventID.make(timeMicros: time),
            timeMicros: time,
            requestID: context.requestID,
            conversationID: context.conversationID,
            route: context.route,
            model: context.model,
            client: context.client,
            location: context.location,
            role: context.role,
            direction: context.direction,
            policy: decision.policy,
            policyDigest: decision.policyDigest,
            action: decision.action,
            wouldBe: decision.wouldBe,
            findings: decision.findings.map {
                AuditFinding(
                    category: $0.category.rawValue, scanner: $0.scanner, rule: $0.rule,
                    score: $0.score, start: $0.range.lowerBound, end: $0.range.upperBound)
            },
            rules: decision.rulesFired.map { AuditRule(rule: $0.rule, action: $0.action, findings: $0.findingIndices) },
            scores: decision.scores,
            text: decision.action == .rewrite ? decision.text.flatMap { privacy.record(for: $0) } : nil,
            latencyMicros: context.latencyMicros ?? decision.timings["total"].map { Int64($0.rounded()) },
            error: context.error,
            scannerErrors: decision.errors.map { "\($0.scanner): \($0.code)" }
        )
    }
}
