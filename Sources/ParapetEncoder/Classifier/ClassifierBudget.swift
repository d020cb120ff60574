import Synchronization

/// A bound on the classifier work of one unit that spans many texts (a proxy request with many
/// messages, a moderation request with many inputs): WordPieces to score, in all.
///
/// ``ClassifierScanner/maxTokens`` bounds one text; a request made of many texts each under it
/// could still keep a core busy for minutes. Bind a budget to a task with
/// `ClassifierBudget.$current.withValue(budget) { … }`: every ``ClassifierScanner`` scan in that
/// task draws its text's tokens from it, and a text that would overdraw it is not scored (scanner
/// error `request_over_budget`, which the policy's `on_scanner_error` turns into a block by
/// default). Safe to share between tasks.
public final class ClassifierBudget: Sendable {
    /// The budget of the current task, if one is bound.
    @TaskLocal public static var current: ClassifierBudget?

    /// WordPieces the unit may have scored in all.
    public let tokens: Int
    private let spent = Mutex(0)

    /// A budget of `tokens` WordPieces.
    public init(tokens: Int) {
        self.tokens = tokens
    }

    /// Draws `count` tokens: true when they were left (and are now spent), false (nothing
    /// drawn) when fewer remain.
    public func draw(_ count: Int) -> Bool {
        spent.withLock { spent in
            guard count <= tokens - spent else { return false }
            spent += count
            return true
        }
    }

    /// WordPieces drawn so far.
    public var spentTokens: Int { spent.withLock { $0 } }
}
