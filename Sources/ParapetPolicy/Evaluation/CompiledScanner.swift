import ParapetCore

/// A built scanner with what evaluation needs of its entry: the id findings are attributed to,
/// the directions it scans and its timing key, resolved once.
final class CompiledScanner: Sendable {
    /// The scanner entry's id.
    let id: String
    /// The directions it scans.
    let directions: Set<Direction>
    /// `scan.<id>`, the key of its time in ``Decision/timings``.
    let timingKey: String
    /// The scanner.
    let scanner: any ParapetCore.Scanner

    init(spec: ScannerSpec, scanner: any ParapetCore.Scanner) {
        id = spec.id
        directions = spec.directions
        timingKey = "scan.\(spec.id)"
        self.scanner = scanner
    }
}
