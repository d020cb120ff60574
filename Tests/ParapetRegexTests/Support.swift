import ParapetRegex

/// The substring of `subject` covered by a UTF-8 byte range.
func text(_ subject: String, _ range: Range<Int>?) -> String? {
    guard let range else { return nil }
    let bytes = Array(subject.utf8)[range]
    return String(decoding: bytes, as: UTF8.self)
}

/// Whole-match texts of every match.
func allTexts(_ regex: CompiledRegex, _ subject: String) throws -> [String] {
    try regex.matches(in: subject).map { text(subject, $0.range) ?? "" }
}
