public import ParapetCore

extension CompiledPolicy {
    /// The ids of the scanners of `direction` whose work can wait until a streamed text is
    /// complete: score-only scanners (``ScoreOnlyScanner``, e.g. a classifier) whose scores, in
    /// this direction, only feed rules that flag (or any rule, in monitor mode). Such a rule can
    /// never change or stop the emitted text, so scoring the whole answer once at its end gives
    /// the same kind of decision as scoring every holdback window, at a fraction of the cost.
    public func deferrableScanners(direction: Direction) -> Set<String> {
        var ids: Set<String> = []
        for compiled in compiledScanners where compiled.directions.contains(direction) {
            guard let scanner = compiled.scanner as? any ScoreOnlyScanner else { continue }
            let keys = Set(scanner.defaultThresholds.keys)
            let onlyFlags = compiledRules.allSatisfy { compiled in
                let rule = compiled.rule
                guard case .score(let condition) = rule.condition, keys.contains(condition.key),
                      condition.direction == nil || condition.direction == direction else { return true }
                return mode == .monitor || rule.action == .flag
            }
            if onlyFlags { ids.insert(compiled.id) }
        }
        return ids
    }
}
