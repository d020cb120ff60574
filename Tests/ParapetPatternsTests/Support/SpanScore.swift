import Foundation

/// Span-level precision, recall and F1 per type, exact (same bytes and type) and overlap
/// (same type, ranges overlap), as the external scorer computes them.
struct SpanScore {
    struct Counts {
        var truePositives = 0
        var falsePositives = 0
        var falseNegatives = 0
        var precision: Double { ratio(truePositives, truePositives + falsePositives) }
        var recall: Double { ratio(truePositives, truePositives + falseNegatives) }
        var f1: Double { precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall) }
        private func ratio(_ a: Int, _ b: Int) -> Double { b == 0 ? 1 : Double(a) / Double(b) }
    }

    typealias Span = (range: Range<Int>, type: String)

    var exact: [String: Counts] = [:]
    var overlap: [String: Counts] = [:]

    /// Adds one text's gold and predicted spans; predictions of types outside `types` are ignored.
    mutating func add(gold: [Span], predicted: [Span], types: Set<String>) {
        let predicted = predicted.filter { types.contains($0.type) }
        for type in types {
            let g = gold.filter { $0.type == type }.map(\.range)
            let p = predicted.filter { $0.type == type }.map(\.range)
            let exactHits = Set(g.map { "\($0)" }).intersection(p.map { "\($0)" }).count
            exact[type, default: Counts()].truePositives += exactHits
            exact[type, default: Counts()].falsePositives += p.count - exactHits
            exact[type, default: Counts()].falseNegatives += g.count - exactHits
            let goldHit = g.filter { span in p.contains { $0.overlaps(span) } }.count
            let predHit = p.filter { span in g.contains { $0.overlaps(span) } }.count
            overlap[type, default: Counts()].truePositives += goldHit
            overlap[type, default: Counts()].falsePositives += p.count - predHit
            overlap[type, default: Counts()].falseNegatives += g.count - goldHit
        }
    }

    static func micro(_ table: [String: Counts]) -> Counts {
        table.values.reduce(into: Counts()) {
            $0.truePositives += $1.truePositives
            $0.falsePositives += $1.falsePositives
            $0.falseNegatives += $1.falseNegatives
        }
    }

    /// A markdown table of both views.
    func table() -> String {
        var lines = ["| type | P | R | F1 | overlap P | overlap R | overlap F1 | gold |", "|---|---|---|---|---|---|---|---|"]
        func format(_ value: Double) -> String { String(format: "%.3f", value) }
        for type in exact.keys.sorted() {
            let e = exact[type] ?? Counts()
            let o = overlap[type] ?? Counts()
            lines.append(
                "| \(type) | \(format(e.precision)) | \(format(e.recall)) | \(format(e.f1)) | \(format(o.precision)) | \(format(o.recall)) | \(format(o.f1)) | \(e.truePositives + e.falseNegatives) |")
        }
        let e = Self.micro(exact)
        let o = Self.micro(overlap)
        lines.append(
            "| **micro** | \(format(e.precision)) | \(format(e.recall)) | \(format(e.f1)) | \(format(o.precision)) | \(format(o.recall)) | \(format(o.f1)) | \(e.truePositives + e.falseNegatives) |")
        return lines.joined(separator: "\n")
    }
}
