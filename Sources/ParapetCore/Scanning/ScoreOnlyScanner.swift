/// A scanner that reports scores and never span findings (a trained classifier).
///
/// Its result cannot rewrite text, so when a policy only flags on its scores in a direction, a
/// stream guard may run it once over the whole answer instead of on every holdback window (see
/// `StreamGuard`'s `finally` evaluator).
public protocol ScoreOnlyScanner: ScoreThresholdProviding {}
