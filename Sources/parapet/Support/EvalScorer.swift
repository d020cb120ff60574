import Foundation
import Parapet
import ParapetEncoder

/// Scores texts for one label with a classifier bundle (batched) or a whole policy.
struct EvalScorer {
    /// What scores (`bundle NAME` or `policy NAME`).
    let name: String
    /// The default threshold for the label and where it comes from, if the bundle or policy sets one.
    let defaultThreshold: EvaluationThreshold?
    private let scoreBatch: ([String], [String?]) -> [Double?]
    /// Added to the error for a row that got no score.
    private var missingScoreHint = ""

    /// Scores with the bundle alone; `label` must be one of its labels.
    init(classifier: Classifier, label: String) throws {
        guard let task = classifier.manifest.tasks.first(where: { $0.labels.contains(label) }) else {
            Terminal.error("bundle \(classifier.manifest.name) has no label '\(label)' (labels: \(classifier.labels.joined(separator: ", ")))")
            throw ExitStatus.error
        }
        name = "bundle \(classifier.manifest.name) \(classifier.manifest.version)"
        defaultThreshold = task.thresholds[label].map { EvaluationThreshold(value: $0, source: "bundle manifest") }
        scoreBatch = { texts, contexts in classifier.scores(texts, contexts: contexts, tasks: [task.name]).map { $0[label] } }
    }

    /// Scores with the full policy: the label's value in each decision's scores. The label must be
    /// one the policy reports (``CompiledPolicy/evaluationLabels``), checked before any scoring;
    /// the default threshold is ``CompiledPolicy/evaluationThreshold(for:direction:)``.
    init(guardrail: Guard, label: String, direction: Direction) throws {
        let policy = guardrail.policy
        let labels = policy.evaluationLabels
        guard labels.contains(label) else {
            let known = labels.isEmpty ? "its scanners report no scores" : "labels: " + labels.sorted().joined(separator: ", ")
            Terminal.error("policy \(policy.name) has no label '\(label)' (\(known))")
            throw ExitStatus.error
        }
        name = "policy \(policy.name)"
        defaultThreshold = policy.evaluationThreshold(for: label, direction: direction)
        scoreBatch = { texts, contexts in
            zip(texts, contexts).map { text, context in
                guardrail.check(ScanInput(text: text, direction: direction, context: ScanContext(systemPrompt: context))).scores[label]
            }
        }
        missingScoreHint = "; the policy reports this label, but not for this \(direction.rawValue) text (only in the other direction, or a scanner failed)"
    }

    /// Scores every text with its context (the system prompt it was written under, if any), 32 at
    /// a time, with a progress line on a terminal.
    func score(_ texts: [String], contexts: [String?], file: String) throws -> [Double] {
        var out: [Double] = []
        out.reserveCapacity(texts.count)
        let start = ContinuousClock.now
        var i = 0
        while i < texts.count {
            let end = min(i + 32, texts.count)
            let batch = Array(texts[i..<end])
            for (offset, score) in scoreBatch(batch, Array(contexts[i..<end])).enumerated() {
                guard let score else {
                    Terminal.endProgress()
                    Terminal.error("\(file): row \(i + offset + 1) got no score for this label from \(name)\(missingScoreHint)")
                    throw ExitStatus.error
                }
                out.append(score)
            }
            i += batch.count
            let elapsed = ContinuousClock.now - start
            Terminal.progress(done: i, bytes: i, total: texts.count, elapsedSeconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18)
        }
        Terminal.endProgress()
        return out
    }
}
