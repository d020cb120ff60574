public import ParapetCore

/// A policy test file (`policies/tests/*.yaml`): a policy name and cases with expected outcomes.
public struct PolicyTestSuite: Sendable, Hashable {
    /// The policy to test, by name (resolved through the loader's search paths).
    public var policy: String
    /// A human description.
    public var description: String?
    /// The cases, in file order.
    public var cases: [PolicyTestCase]
    /// The file the suite came from.
    public var file: String
    /// Where `policy:` is.
    public var policyLocation: SourceLocation

    /// Creates a suite.
    public init(policy: String, description: String? = nil, cases: [PolicyTestCase], file: String,
                policyLocation: SourceLocation? = nil) {
        self.policy = policy
        self.description = description
        self.cases = cases
        self.file = file
        self.policyLocation = policyLocation ?? SourceLocation(file: file, line: 0, column: 0)
    }
}

/// One text, its direction and what the policy should do with it.
public struct PolicyTestCase: Sendable, Hashable {
    /// A unique name within the suite.
    public var name: String
    /// The text to evaluate.
    public var text: String
    /// Input (prompt) or output (answer); `input` by default.
    public var direction: Direction
    /// The conversation id (pseudonyms are numbered per conversation).
    public var conversation: String?
    /// The system prompt passed to scanners as context (for leakage checks on answers).
    public var systemPrompt: String?
    /// The expected outcome.
    public var expect: PolicyExpectation
    /// Where the case is.
    public var location: SourceLocation

    /// Creates a case.
    public init(name: String, text: String, direction: Direction = .input, conversation: String? = nil,
                systemPrompt: String? = nil, expect: PolicyExpectation, location: SourceLocation) {
        self.name = name
        self.text = text
        self.direction = direction
        self.conversation = conversation
        self.systemPrompt = systemPrompt
        self.expect = expect
        self.location = location
    }
}

/// What a case expects; every field left `nil` is not checked.
public struct PolicyExpectation: Sendable, Hashable {
    /// The decision's action.
    public var action: Action?
    /// What `enforce` would have done (for monitor policies).
    public var wouldBe: Action?
    /// Exactly these findings (order-insensitive), no more.
    public var findings: [ExpectedFinding]?
    /// At least these findings; others may be present.
    public var containsFindings: [ExpectedFinding]?
    /// The exact text passed on (rewritten or original).
    public var text: String?
    /// Classifier flags that must have these values.
    public var flags: [String: Bool]?
    /// Exactly these rules fired (order-insensitive).
    public var rules: [String]?
    /// The decision's message.
    public var message: String?

    /// Creates an expectation.
    public init(action: Action? = nil, wouldBe: Action? = nil, findings: [ExpectedFinding]? = nil,
                containsFindings: [ExpectedFinding]? = nil, text: String? = nil, flags: [String: Bool]? = nil,
                rules: [String]? = nil, message: String? = nil) {
        self.action = action
        self.wouldBe = wouldBe
        self.findings = findings
        self.containsFindings = containsFindings
        self.text = text
        self.flags = flags
        self.rules = rules
        self.message = message
    }
}

/// An expected finding: its category and, optionally, the exact text it covers.
public struct ExpectedFinding: Sendable, Hashable, CustomStringConvertible {
    /// The category (exact name).
    public var category: String
    /// The covered text in the original input, if checked.
    public var text: String?

    /// Creates an expected finding.
    public init(category: String, text: String? = nil) {
        self.category = category
        self.text = text
    }

    /// `pii.email "a@b.example"`.
    public var description: String { text.map { "\(category) \"\($0)\"" } ?? category }

    /// Whether an actual finding (with its text) satisfies this expectation.
    func matches(_ finding: Finding, in original: String) -> Bool {
        finding.category.rawValue == category && (text == nil || String(finding.text(in: original)) == text)
    }
}
