import Synchronization

/// What ``SystemPromptLeakScanner`` needs to know of one system prompt: its words, where each
/// run of `shingleWords` words starts, and its secret-looking tokens. Built once per prompt and
/// kept in a ``SystemPromptIndex/Cache``, because a conversation's answers (and every window of
/// a streamed answer) are checked against the same prompt.
struct SystemPromptIndex: Sendable {
    /// The prompt's words and their spans.
    let prompt: WordSpans
    /// Start offsets (in words) of each run of `shingleWords` words; empty when the prompt is
    /// shorter than one run (such a prompt is not checked for copied runs).
    let runs: [ArraySlice<String>: [Int]]
    /// Words of the prompt that look like access codes, passwords or keys.
    let secrets: Set<String>

    init(systemPrompt: String, shingleWords: Int) {
        prompt = WordSpans(systemPrompt)
        let words = prompt.words
        var runs: [ArraySlice<String>: [Int]] = [:]
        if words.count >= shingleWords {
            for start in 0...(words.count - shingleWords) {
                runs[words[start..<(start + shingleWords)], default: []].append(start)
            }
        }
        self.runs = runs
        secrets = Set(SecretTokens.find(in: prompt))
    }

    /// A small shared cache of indexes by prompt text; the oldest entry goes first when full.
    final class Cache: Sendable {
        private let capacity: Int
        private let shingleWords: Int
        private let state = Mutex<(indexes: [String: SystemPromptIndex], order: [String])>(([:], []))

        /// A cache of at most `capacity` prompts, indexed by runs of `shingleWords` words.
        init(capacity: Int, shingleWords: Int) {
            self.capacity = max(1, capacity)
            self.shingleWords = shingleWords
        }

        /// The index of `systemPrompt`, built on first use.
        func index(of systemPrompt: String) -> SystemPromptIndex {
            if let known = state.withLock({ $0.indexes[systemPrompt] }) { return known }
            let built = SystemPromptIndex(systemPrompt: systemPrompt, shingleWords: shingleWords)
            state.withLock { state in
                guard state.indexes[systemPrompt] == nil else { return }
                if state.order.count >= capacity {
                    state.indexes[state.order.removeFirst()] = nil
                }
                state.indexes[systemPrompt] = built
                state.order.append(systemPrompt)
            }
            return built
        }
    }
}
