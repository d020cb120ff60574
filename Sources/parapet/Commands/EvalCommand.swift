import ArgumentParser
import Foundation
import Parapet
import ParapetEncoder

/// `parapet eval`: score labelled JSONL files with a classifier bundle or a policy and print
/// precision, recall, F1, AUROC, AUPRC, TPR at fixed FPR, calibration and breakdowns.
struct EvalCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Evaluate a classifier task on labelled JSONL files (text, label, category, target, lang).",
        discussion: """
            Scores every row with --bundle (the classifier alone, batched) or --policy (the full \
            policy; the score is Decision.scores[task]). Prints per-file and, for several files, pooled \
            metrics. The threshold is --threshold; else with --bundle the bundle's threshold for the \
            task; with --policy the policy's first score rule for it that applies in --direction, else \
            the policy's classifier bundle's threshold; else 0.5.
            """
    )

    @Argument(help: "Labelled JSONL files.")
    var files: [String]

    @Option(help: "The label to evaluate: injection, toxicity, unsafe, or a finer label such as toxicity.hate.")
    var task: String

    @Option(help: "Policy name or YAML path to score with (instead of --bundle).")
    var policy: String?

    @Option(name: .customLong("policy-dir"), help: "Directory of policies (repeatable).")
    var policyDirectories: [String] = []

    @Option(help: "Classifier bundle (name under classifiers/ or a path) to score with directly.")
    var bundle: String?

    @Option(name: .customLong("models-dir"), help: "Model cache. Default: $PARAPET_MODELS_DIR, else ./models-cache.")
    var modelsDirectory: String?

    @Option(help: "Decision threshold (score ≥ threshold is positive).")
    var threshold: Double?

    @Option(help: "json or markdown.")
    var format: EvalFormat = .markdown

    @Option(help: "Write ROC and reliability plots (SVG) into this directory.")
    var plots: String?

    @Option(help: "Score at most this many rows per file.")
    var limit: Int?

    @Option(name: .shortAndLong, help: "Direction of the texts (for --policy).")
    var direction: Direction = .input

    @Option(name: .customLong("text-field"), help: "JSON field holding the text.")
    var textField: String = "text"

    @Option(name: .customLong("label-field"), help: "JSON field holding the 0/1 label.")
    var labelField: String = "label"

    @Option(name: .customLong("context-field"), help: "JSON field holding the system prompt a text was written under (read by bundles with context_tokens).")
    var contextField: String = "context"

    func validate() throws {
        guard (policy == nil) != (bundle == nil) else { throw ValidationError("give exactly one of --policy and --bundle") }
        if let threshold, !(0...1).contains(threshold) { throw ValidationError("--threshold must be in 0…1") }
        if let limit, limit < 1 { throw ValidationError("--limit must be at least 1") }
    }

    func run() async throws {
        // Every file is read, and every bad row reported, before a model is loaded or anything scored.
        var problems: [InputError] = []
        let inputs = files.map { file in read(file, problems: &problems) }
        guard problems.isEmpty else {
            for line in Self.problemLines(problems) { Terminal.error(line) }
            throw ExitStatus.error
        }
        let scorer = try makeScorer()
        let chosen = Self.threshold(given: threshold, scorer: scorer)
        var reports: [EvaluationReport] = []
        var pooled: [ScoredRow] = []
        let names = Self.uniqueNames(files.map(displayName), paths: files)
        for (file, (name, records)) in zip(files, zip(names, inputs)) {
            let scores = try scorer.score(records.map(\.text), contexts: records.map(\.context), file: file)
            let rows = zip(records, scores).map { r, s in
                ScoredRow(label: r.label, score: s, category: r.category, target: r.target, lang: r.lang)
            }
            pooled += rows
            reports.append(EvaluationReport(name: name, task: task, rows: rows, threshold: chosen.value))
        }
        let all = files.count > 1 ? EvaluationReport(name: "pooled", task: task, rows: pooled, threshold: chosen.value) : nil
        switch format {
        case .json:
            print(try JSONOutput.encode(EvalOutput(task: task, scorer: scorer.name, threshold: chosen.value, thresholdSource: chosen.source,
                                                   files: reports, pooled: all)))
        case .markdown:
            print(EvaluationReport.heading(task: task, scorer: scorer.name, threshold: chosen) + "\n")
            for report in reports + (all.map { [$0] } ?? []) { print(report.markdown) }
        }
        // After the report, so that a plot directory that cannot be written loses no scores.
        if let plots { try writePlots(reports + (all.map { [$0] } ?? []), to: plots) }
    }

    /// Row errors printed at most; the rest are counted.
    static let maximumProblemsShown = 20

    /// The threshold and where it comes from: `--threshold`, else the scorer's default, else 0.5.
    static func threshold(given: Double?, scorer: EvalScorer) -> EvaluationThreshold {
        if let given { return .given(given) }
        return scorer.defaultThreshold ?? .fallback
    }

    /// Every file problem (it has no line), and the first ``maximumProblemsShown`` row problems,
    /// then `… and N more` for the rest of the rows.
    static func problemLines(_ problems: [InputError]) -> [String] {
        let files = problems.filter { $0.line == nil }.map(\.description)
        let rows = problems.filter { $0.line != nil }
        let shown = rows.prefix(maximumProblemsShown).map(\.description)
        let hidden = rows.count - shown.count
        return files + shown + (hidden > 0 ? ["… and \(hidden) more bad row\(hidden == 1 ? "" : "s") (\(rows.count) in all)"] : [])
    }

    private func makeScorer() throws -> EvalScorer {
        if let bundle {
            let path = ClassifierScanners.bundlePath(bundle)
            do {
                let classifier = try Classifier(directory: path, modelsDirectory: modelsDirectory ?? ModelStore.defaultRoot)
                return try EvalScorer(classifier: classifier, label: task)
            } catch let error as EncoderError {
                Terminal.error("cannot load bundle \(path): \(error)")
                throw ExitStatus.error
            }
        }
        var options = try PolicyOptions.parse(policyDirectories.flatMap { ["--policy-dir", $0] })
        options.policy = policy ?? "default"
        return try EvalScorer(guardrail: try options.makeGuard(), label: task, direction: direction)
    }

    /// The labelled rows of `file`; each bad row (and a file that cannot be read or holds no
    /// rows) is added to `problems` with its location, and the rest is still read.
    private func read(_ file: String, problems: inout [InputError]) -> [LabelledRecord] {
        var out: [LabelledRecord] = []
        do {
            let reader = try LineReader(path: file)
            while let line = try reader.next() {
                do {
                    if let record = try LabelledRecord.parse(line, file: file, textField: textField, labelField: labelField,
                                                                contextField: contextField) {
                        out.append(record)
                    }
                } catch let error as InputError {
                    problems.append(error)
                }
                if let limit, out.count >= limit { break }
            }
        } catch let error as InputError {
            problems.append(error)
            return out
        } catch {
            problems.append(InputError(file: file, line: nil, code: "unreadable", message: "\(error)"))
            return out
        }
        if out.isEmpty, !problems.contains(where: { $0.file == file }) {
            problems.append(InputError(file: file, line: nil, code: "empty", message: "no labelled rows"))
        }
        return out
    }

    /// `folder/file.jsonl`: data sets keep their rows in `<set>/train.jsonl`, so the folder names them.
    private func displayName(_ file: String) -> String {
        let url = URL(fileURLWithPath: file)
        let folder = url.deletingLastPathComponent().lastPathComponent
        return folder.isEmpty || folder == "/" || folder == "." ? url.lastPathComponent : folder + "/" + url.lastPathComponent
    }

    /// The short names, except that files whose short names collide (`a/x/train.jsonl`,
    /// `b/x/train.jsonl`) are named by their paths, and a file given twice by its place too.
    static func uniqueNames(_ names: [String], paths: [String]) -> [String] {
        let counts = Dictionary(names.map { ($0, 1) }, uniquingKeysWith: +)
        var seen: [String: Int] = [:]
        return zip(names, paths).map { name, path in
            let chosen = (counts[name] ?? 0) > 1 ? path : name
            seen[chosen, default: 0] += 1
            return seen[chosen] == 1 ? chosen : "\(chosen) (\(seen[chosen] ?? 0))"
        }
    }

    private func writePlots(_ reports: [EvaluationReport], to directory: String) throws {
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            Terminal.error("\(directory): error[unwritable] cannot create the plot directory (\(error.localizedDescription))")
            throw ExitStatus.error
        }
        var stems: Set<String> = []
        for report in reports {
            var base = (report.name as NSString).deletingPathExtension.replacingOccurrences(of: "/", with: "-") + "-" + task
            while base.hasPrefix("-") || base.hasPrefix(".") { base.removeFirst() }
            var stem = directory + "/" + base
            var copy = 1
            while !stems.insert(stem).inserted {
                copy += 1
                stem = directory + "/" + base + "-\(copy)"
            }
            if let svg = EvaluationPlots.roc(report) {
                try svg.write(toFile: stem + "-roc.svg", atomically: true, encoding: .utf8)
            } else if let reason = EvaluationPlots.whyNoROC(report) {
                Terminal.error("note: no ROC plot for \(report.name): \(reason)")
            }
            if let svg = EvaluationPlots.reliability(report) {
                try svg.write(toFile: stem + "-reliability.svg", atomically: true, encoding: .utf8)
            }
        }
    }
}

/// `--format` of `parapet eval`.
enum EvalFormat: String, ExpressibleByArgument, CaseIterable {
    case json, markdown
}

/// The JSON document `parapet eval --format json` prints: every key always, `pooled` `null`
/// for a single file.
struct EvalOutput: Encodable {
    var task: String
    var scorer: String
    var threshold: Double
    var thresholdSource: String
    var files: [EvaluationReport]
    var pooled: EvaluationReport?

    enum CodingKeys: String, CodingKey {
        case task, scorer, threshold, files, pooled
        case thresholdSource = "threshold_source"
    }

    func encode(to encoder: any Swift.Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(task, forKey: .task)
        try container.encode(scorer, forKey: .scorer)
        try container.encode(threshold, forKey: .threshold)
        try container.encode(thresholdSource, forKey: .thresholdSource)
        try container.encode(files, forKey: .files)
        try container.encode(pooled, forKey: .pooled)
    }
}
