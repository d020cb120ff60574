import ArgumentParser
import Parapet

/// The documented exit codes of `parapet`.
enum ExitStatus {
    /// Allowed or flagged: the text may pass.
    static let allowed = ExitCode(0)
    /// An error: bad input, bad policy, I/O failure.
    static let error = ExitCode(1)
    /// The policy blocked the text.
    static let blocked = ExitCode(2)
    /// The policy rewrote the text.
    static let rewritten = ExitCode(3)
    /// A batch scan finished, but some records could not be read.
    static let badRecords = ExitCode(4)
    /// `parapet audit verify` found a broken link in the trail.
    static let auditBroken = ExitCode(5)

    /// The exit code for a decision's action.
    static func forAction(_ action: Action) -> ExitCode {
        switch action {
        case .allow, .flag: allowed
        case .block: blocked
        case .rewrite: rewritten
        }
    }
}
