/// One detection: what was found, where in the original text, how sure, and by which rule.
///
/// A finding is plain data. Its `range` is a half-open range of UTF-8 byte offsets into the
/// ORIGINAL text of the ``ScanInput`` (never grapheme or UTF-16 offsets), so that results can be
/// scored and redacted without re-scanning. Whole-text findings (a classifier verdict) cover the
/// whole text.
public struct Finding: Sendable, Hashable, Codable {
    /// The scanner that produced it (`patterns.pii`, `classifier.injection`, …).
    public var scanner: String
    /// The taxonomy category.
    public var category: Category
    /// UTF-8 byte offsets into the original text, half-open.
    public var range: Range<Int>
    /// Confidence in 0…1.
    public var score: Double
    /// The rule or pattern id within the scanner (`email`, `aws_access_key_id`, …).
    public var rule: String

    /// Creates a finding; the score is clamped to 0…1.
    public init(scanner: String, category: Category, range: Range<Int>, score: Double, rule: String) {
        self.scanner = scanner
        self.category = category
        self.range = range
        self.score = min(1, max(0, score.isNaN ? 0 : score))
        self.rule = rule
    }

    /// The matched text, cut from the text the finding refers to.
    public func text(in original: String) -> Substring {
        let utf8 = original.utf8
        let lower = utf8.index(utf8.startIndex, offsetBy: range.lowerBound, limitedBy: utf8.endIndex) ?? utf8.endIndex
        let upper = utf8.index(utf8.startIndex, offsetBy: range.upperBound, limitedBy: utf8.endIndex) ?? utf8.endIndex
        return original[lower..<max(lower, upper)]
    }
}
