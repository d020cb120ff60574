/// One match: UTF-8 byte ranges into the subject for the whole match and each capture group.
public struct RegexMatch: Sendable, Hashable {
    /// Byte range of the whole match (same as `groups[0]`).
    public var range: Range<Int>
    /// Byte range of every group, index 0 being the whole match; `nil` for groups that did not take part.
    public var groups: [Range<Int>?]

    /// Creates a match.
    public init(range: Range<Int>, groups: [Range<Int>?]) {
        self.range = range
        self.groups = groups
    }

    /// Byte range of group `i` (0 = whole match), or `nil` if it did not take part or does not exist.
    public func group(_ i: Int) -> Range<Int>? {
        groups.indices.contains(i) ? groups[i] : nil
    }
}
