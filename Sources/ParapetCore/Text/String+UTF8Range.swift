extension String {
    /// The part of this string between two UTF-8 byte offsets, both on scalar boundaries and
    /// within the string (a scanner's finding range, or the text between two of them). O(1) for a
    /// native string.
    package func substring(utf8 range: Range<Int>) -> Substring {
        let utf8 = self.utf8
        let lower = utf8.index(utf8.startIndex, offsetBy: range.lowerBound)
        return self[lower..<utf8.index(lower, offsetBy: range.count)]
    }
}
