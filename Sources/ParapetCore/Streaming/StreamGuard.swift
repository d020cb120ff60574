/// Guards a streamed text (a model's answer arriving in chunks) with a bounded holdback window.
///
/// The guard keeps the last ``holdback`` UTF-8 bytes it has received unemitted, because a finding
/// there (an e-mail address, a key) may still be completed by the next chunk. When more than
/// `holdback + step` bytes are pending it evaluates the pending text, picks a cut point that is a
/// Unicode scalar boundary, falls outside every finding, prefers the end of a whitespace run and
/// never splits a `<PLACEHOLDER>`, evaluates the text before the cut on its own, and emits that
/// text as the policy rewrote it. What was emitted can no longer change.
///
/// A cut never splits a run of printable ASCII characters without spaces (keys, tokens, JWTs,
/// URLs) nor falls inside a PEM armour block not yet closed by its own `-----END` line, and it
/// stays 96 bytes (`StreamCut.contextReach`) before a finding or such a run, so the label that
/// makes a value a secret (`password:`, `Authorization: Bearer`) reaches the window the value is
/// judged in. While a run or block is open at the end of the window, more than ``holdback``
/// bytes are held, up to ``maxHoldback``, so a 2 KB private key or a long JWT is seen whole
/// before any of it is sent.
///
/// For findings shorter than the holdback (patterns, validators and context within that many
/// bytes), and for findings that are one such run or block of at most ``maxHoldback`` bytes, the
/// concatenation of everything emitted equals the policy's output on the whole text, whatever
/// the chunking; a block anywhere stops the stream. Whole-text scores (classifiers)
/// are computed per window, unless a `finally` evaluator is given: it runs once on the whole
/// text when the stream finishes (before the last held-back text is released), for scanners
/// whose results cannot change the text (see `ScoreOnlyScanner`).
///
/// ```swift
/// var stream = StreamGuard(holdback: 256) { text in policy.evaluate(ScanInput(text: text, direction: .output), redactor: redactor) }
/// for try await chunk in model { send(stream.append(chunk).text) }
/// send(stream.finish().text)
/// ```
public struct StreamGuard: Sendable {
    /// Evaluates one window of text (the policy on the output direction).
    public typealias Evaluate = @Sendable (String) -> Decision

    /// What one call hands back: text safe to send now, and the decision that blocked, if any.
    public struct Output: Sendable, Hashable {
        /// Text that can no longer change; send it to the client. Empty while holding back.
        public var text: String
        /// The decision that blocked the stream. Once set, the stream is over.
        public var blocked: Decision?

        /// Creates an output.
        public init(text: String, blocked: Decision? = nil) {
            self.text = text
            self.blocked = blocked
        }
    }

    /// How many trailing bytes are held back (at least the longest finding to catch).
    public let holdback: Int
    /// How many bytes beyond the holdback accumulate before a window is evaluated.
    public let step: Int
    /// The most bytes held back while a run of characters or an armour block is still open;
    /// past it the guard cuts inside it.
    public let maxHoldback: Int
    private let evaluate: Evaluate
    private let finally: Evaluate?
    /// Every byte received, kept only for `finally`.
    private var received: [UInt8] = []
    /// Received but not yet emitted bytes; always valid UTF-8 (cuts fall on scalar boundaries).
    private var pending: [UInt8] = []
    /// Raw bytes already committed (emitted in rewritten form) before `pending`.
    public private(set) var committedBytes = 0
    /// The decision of each committed window, with ranges shifted into the whole raw text.
    public private(set) var windows: [Decision] = []
    /// Whether the stream was blocked.
    public private(set) var isBlocked = false
    /// Whether ``finish()`` was called.
    public private(set) var isFinished = false
    /// No window is evaluated before this many bytes are pending (set when no cut was possible).
    private var retryAt = 0

    /// Creates a stream guard.
    /// - Parameters:
    ///   - holdback: trailing bytes kept back; clamped to at least 16.
    ///   - step: bytes beyond the holdback gathered before evaluating (fewer evaluations, later text).
    ///   - maxHoldback: the most bytes held while a run or armour block is open (at least `holdback`).
    ///   - evaluate: the policy on one window of output text.
    ///   - finally: the policy's deferred part on the whole text, once, when the stream finishes;
    ///     its decision joins ``windows`` and may still block (withholding the last held-back text).
    public init(
        holdback: Int = 256, step: Int = 64, maxHoldback: Int = 32 * 1024, evaluate: @escaping Evaluate, finally: Evaluate? = nil
    ) {
        self.holdback = max(16, holdback)
        self.step = max(1, step)
        self.maxHoldback = max(self.holdback, maxHoldback)
        self.evaluate = evaluate
        self.finally = finally
    }

    /// The number of bytes received and not yet emitted.
    public var pendingBytes: Int { pending.count }

    /// Feeds one chunk; returns whatever text is now final.
    public mutating func append(_ chunk: String) -> Output {
        guard !isBlocked, !isFinished else { return Output(text: "") }
        pending.append(contentsOf: chunk.utf8)
        if finally != nil { received.append(contentsOf: chunk.utf8) }
        guard pending.count >= max(holdback + step, retryAt) else { return Output(text: "") }
        return commitWindow()
    }

    /// Ends the stream: evaluates and emits everything still held back, after the `finally`
    /// evaluation of the whole text, if any.
    public mutating func finish() -> Output {
        guard !isBlocked, !isFinished else { return Output(text: "") }
        isFinished = true
        var out = Output(text: "")
        if !pending.isEmpty {
            out = commit(evaluate(String(decoding: pending, as: UTF8.self)), bytes: pending.count)
            if out.blocked != nil { return out }
        }
        guard let finally, !received.isEmpty else { return out }
        let whole = finally(String(decoding: received, as: UTF8.self))
        windows.append(whole)  // its ranges are already whole-text ranges
        guard whole.action != .block else {
            isBlocked = true
            return Output(text: "", blocked: whole)
        }
        return out
    }

    private mutating func commitWindow() -> Output {
        let target = pending.count - holdback
        // Past maxHoldback the guard cuts inside a run or armour block.
        let keepRuns = pending.count <= maxHoldback
        // Nothing can be sent while a run or armour block reaches back to the start: wait for
        // its end (or for maxHoldback) without evaluating again at every chunk.
        let limit = keepRuns ? StreamCut.tokenSafeLimit(in: pending, target: target) : target
        guard limit > 0 else { return waitForMore() }
        let window = evaluate(String(decoding: pending, as: UTF8.self))
        if window.action == .block { return commit(window, bytes: pending.count) }
        let cut = StreamCut.choose(in: pending, target: limit, findings: window.findings, keepRuns: keepRuns)
        guard cut > 0 else { return waitForMore() }
        if window.findings.isEmpty, window.action != .rewrite {
            // Nothing found in the whole window, so nothing in its prefix: emit it as is.
            var prefixDecision = window
            prefixDecision.text = String(decoding: pending[0..<cut], as: UTF8.self)
            return commit(prefixDecision, bytes: cut)
        }
        let prefix = evaluate(String(decoding: pending[0..<cut], as: UTF8.self))
        return commit(prefix, bytes: cut)
    }

    /// Holds everything until `step` more bytes have come.
    private mutating func waitForMore() -> Output {
        retryAt = pending.count + step
        return Output(text: "")
    }

    private mutating func commit(_ decision: Decision, bytes: Int) -> Output {
        windows.append(Self.shifted(decision, by: committedBytes))
        if decision.action == .block {
            isBlocked = true
            pending.removeAll()
            return Output(text: "", blocked: decision)
        }
        pending.removeFirst(bytes)
        committedBytes += bytes
        retryAt = 0
        return Output(text: decision.text ?? "")
    }

    private static func shifted(_ decision: Decision, by offset: Int) -> Decision {
        guard offset != 0 else { return decision }
        var copy = decision
        copy.findings = decision.findings.map { finding in
            var moved = finding
            moved.range = (finding.range.lowerBound + offset)..<(finding.range.upperBound + offset)
            return moved
        }
        return copy
    }
}
