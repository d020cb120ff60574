import Foundation

extension EvaluationReport {
    /// The report as Markdown: a summary table, the reliability table, then the breakdowns.
    public var markdown: String {
        var out = ["### \(Self.cell(name)) — \(task)", ""]
        out.append("| rows | pos | neg | threshold | precision | recall | F1 | FPR | AUROC | AUPRC | TPR@1%FPR | TPR@5%FPR | ECE |")
        out.append("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
        out.append(Self.summaryRow(overall, label: nil))
        for note in overall.notes { out.append("\n_\(note)_") }
        if overall.negatives > 0, overall.positives == 0, let fpr = overall.falsePositiveRate {
            out.append("")
            out.append("Benign set: \(overall.confusion.falsePositives) of \(overall.negatives) texts flagged (FPR \(Self.percent(fpr))).")
        }
        if !overall.reliability.isEmpty {
            out += ["", "Reliability (10 bins):", "", "| bin | rows | mean score | positive rate | gap |", "| --- | ---: | ---: | ---: | ---: |"]
            for bin in overall.reliability where bin.count > 0 {
                let gap = abs((bin.meanScore ?? 0) - (bin.positiveRate ?? 0))
                out.append(String(format: "| %.1f–%.1f | %d | %@ | %@ | %@ |", bin.lower, bin.upper, bin.count,
                                  Self.number(bin.meanScore), Self.number(bin.positiveRate), Self.number(gap)))
            }
        }
        for (title, groups) in [("category", byCategory), ("target group", byTarget), ("language", byLang)] where groups.count > 1 {
            out += ["", "By \(title):", ""]
            out.append("| \(title) | rows | pos | neg | precision | recall | F1 | FPR | AUROC |")
            out.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
            for key in groups.keys.sorted() {
                guard let e = groups[key] else { continue }
                out.append("| \(Self.cell(key)) | \(e.rows) | \(e.positives) | \(e.negatives) | \(Self.number(e.precision)) | \(Self.number(e.recall)) | "
                    + "\(Self.number(e.f1)) | \(Self.number(e.falsePositiveRate)) | \(Self.number(e.auroc)) |")
            }
        }
        if let s = identitySpread {
            let best = s.minTargets.map(Self.cell).joined(separator: ", ")
            let worst = s.maxTargets.map(Self.cell).joined(separator: ", ")
            out += ["", "False-positive rate across \(s.fprByTarget.count) identity groups (≥ \(s.minimumNegatives) negatives each): "
                + "min \(Self.percent(s.min)) (\(best)), max \(Self.percent(s.max)) (\(worst)), spread \(Self.percent(s.spread)), "
                + "std \(Self.percent(s.standardDeviation))."]
        }
        return out.joined(separator: "\n") + "\n"
    }

    static func summaryRow(_ e: BinaryEvaluation, label: String?) -> String {
        "| \(e.rows) | \(e.positives) | \(e.negatives) | \(number(e.threshold)) | \(number(e.precision)) | \(number(e.recall)) | "
            + "\(number(e.f1)) | \(number(e.falsePositiveRate)) | \(number(e.auroc)) | \(number(e.auprc)) | "
            + "\(number(e.tprAt1PercentFPR)) | \(number(e.tprAt5PercentFPR)) | \(number(e.expectedCalibrationError)) |"
    }

    /// A value from the data (a category, a target group, a file name) as it can stand in a table
    /// cell or a heading: `|` escaped, line breaks and other control characters as spaces.
    static func cell(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "|": out += "\\|"
            case _ where scalar.properties.generalCategory == .control || scalar == "\u{2028}" || scalar == "\u{2029}": out += " "
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Three decimals, or `–` for an undefined value.
    static func number(_ value: Double?) -> String {
        guard let value else { return "–" }
        return String(format: "%.3f", value)
    }

    static func percent(_ value: Double) -> String { String(format: "%.1f%%", value * 100) }
}
