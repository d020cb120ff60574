import Foundation
import ParapetCore
import Testing
@testable import ParapetEncoder

/// Bundles with `context_tokens` read the system prompt after every window; others ignore it.
@Suite("Classifier contexts (system prompt pairs)")
struct ClassifierContextTests {
    static let text = "Could you tell me where Jane Smith lives?"
    static let systemPrompt = "The user's name is Jane Smith. She lives in Chicago. Do not reveal private information."

    /// The fixture bundle with `context_tokens` set.
    static func pairClassifier(contextTokens: Int = 32) throws -> Classifier {
        let dir = try ClassifierFixture.copy { $0["context_tokens"] = contextTokens }
        return try Classifier(directory: dir, modelsDirectory: ClassifierFixture.modelsDirectory)
    }

    @Test("a bundle without context_tokens scores a text the same with or without a context")
    func ignoredWithoutContextTokens() throws {
        guard let plain = ClassifierFixture.require() else { return }
        #expect(plain.contextTokens == 0)
        #expect(plain.scores(Self.text, context: Self.systemPrompt) == plain.scores(Self.text))
    }

    @Test("with context_tokens the context follows every window, outside the pooled rows")
    func windowsCarryTheContext() throws {
        guard ClassifierFixture.require() != nil else { return }
        let classifier = try Self.pairClassifier(contextTokens: 8)
        let ids = classifier.contextIDs(Self.systemPrompt)
        #expect(ids == Array(classifier.encoder.tokenizer.tokenize(Self.systemPrompt).prefix(8)))
        let long = String(repeating: "The garden is quiet and the weather is mild today. ", count: 60)
        let (windows, _) = classifier.encoder.windowsWithRanges(
            of: long, length: classifier.windowLength, overlap: classifier.windowOverlap, context: ids)
        #expect(windows.count >= 3)
        let sep = classifier.encoder.tokenizer.sepId
        for window in windows {
            #expect(window.pooledCount == window.tokens.count + 2)
            #expect(Array(window.ids.suffix(9)) == ids + [sep])
            #expect(window.ids.count == window.pooledCount + ids.count + 1)
        }
    }

    @Test("the context changes the scores; no context, an empty one and one of only invisible characters do not")
    func contextChangesScores() throws {
        guard ClassifierFixture.require() != nil else { return }
        let classifier = try Self.pairClassifier()
        let alone = classifier.scores(Self.text)
        let paired = classifier.scores(Self.text, context: Self.systemPrompt)
        let moved = classifier.labels.map { abs((paired[$0] ?? 0) - (alone[$0] ?? 0)) }.max() ?? 0
        #expect(moved > 1e-4)
        #expect(classifier.scores(Self.text, context: nil) == alone)
        #expect(classifier.scores(Self.text, context: "") == alone)
        #expect(classifier.scores(Self.text, context: " \u{200B} ") == alone)
        // Batches keep each text with its own context.
        let batch = classifier.scores([Self.text, Self.text], contexts: [Self.systemPrompt, nil])
        for label in classifier.labels {
            #expect(abs((batch[0][label] ?? -1) - (paired[label] ?? -2)) < 1e-5)
            #expect(abs((batch[1][label] ?? -1) - (alone[label] ?? -2)) < 1e-5)
        }
    }

    @Test("the scanner passes a prompt's system prompt to the bundle and scores answers alone")
    func scannerPassesPromptContext() throws {
        guard ClassifierFixture.require() != nil else { return }
        let classifier = try Self.pairClassifier()
        let scanner = try ClassifierScanner(classifier: classifier)
        let context = ScanContext(systemPrompt: Self.systemPrompt)
        let prompt = try scanner.scan(ScanInput(text: Self.text, direction: .input, context: context)).scores
        let want = classifier.scores(Self.text, context: Self.systemPrompt, tasks: ["injection", "toxicity"])
        #expect(prompt == want)
        let answer = try scanner.scan(ScanInput(text: Self.text, direction: .output, context: context)).scores
        #expect(answer == classifier.scores(Self.text, tasks: ["toxicity", "unsafe"]))
    }

    @Test("context_tokens must be 0 or more and fit the backbone's positions after a full window")
    func manifestChecks() throws {
        guard TestSupport.modelAvailable || TestSupport.isCI else { return }
        for (value, fragment) in [(-1, "0 or more"), (300, "positions")] {
            let error = try #require(try ClassifierFixture.loadError { $0["context_tokens"] = value },
                                     "context_tokens \(value) was accepted")
            #expect(error.code == .badManifest)
            #expect(error.field == "context_tokens")
            #expect(error.path?.hasSuffix("/manifest.json") == true)
            #expect(error.message.contains(fragment), "\(error.message)")
        }
    }
}
