public import ParapetCore

/// Guards one tool call's streamed arguments as the client will decode them: each string value
/// through its own ``StreamGuard`` (after its member name when the name is a secret's label, as
/// ``ToolArgumentsScan`` does for answers that are not streamed), encoded again on the way out,
/// so a rewrite never breaks the JSON; everything between the values passes as written.
///
/// Without a guard (`scan.tool_arguments: false`) nothing is scanned, but pseudonyms are still
/// restored: each value is held back only while it ends in what could be the start of a
/// placeholder (`<EMA` waiting for `IL_1>`). Arguments that are not JSON are guarded as text (the
/// escapes that only hide a character written out first, ``JSONEscapeNormalizer``).
struct ToolArgumentsStream: Sendable {
    /// Makes the guard for one value; nil when the arguments are not scanned.
    typealias MakeGuard = @Sendable () -> StreamGuard

    /// Where one string's text goes before it is sent.
    private enum Sink: Sendable {
        case guarded(StreamGuard)
        case restoreOnly(PlaceholderHoldback)

        mutating func append(_ text: String) -> StreamGuard.Output {
            switch self {
            case .guarded(var streamGuard):
                let out = streamGuard.append(text)
                self = .guarded(streamGuard)
                return out
            case .restoreOnly(var holdback):
                let out = StreamGuard.Output(text: holdback.append(text))
                self = .restoreOnly(holdback)
                return out
            }
        }

        mutating func finish() -> StreamGuard.Output {
            switch self {
            case .guarded(var streamGuard):
                let out = streamGuard.finish()
                self = .guarded(streamGuard)
                return out
            case .restoreOnly(var holdback):
                let out = StreamGuard.Output(text: holdback.finish())
                self = .restoreOnly(holdback)
                return out
            }
        }

        var summary: Decision? {
            if case .guarded(let streamGuard) = self { return streamGuard.summary }
            return nil
        }
    }

    /// The string value (or, for arguments that are not JSON, the whole text) being read.
    private struct OpenPart: Sendable {
        var sink: Sink
        let location: String
        /// `name: ` fed before the value so a secret's label meets it; taken off what comes out.
        let label: String
        var labelLeft: Int
        /// Whether the text is a JSON string's content (encoded again) or plain text.
        let isJSONString: Bool
        /// For a text scan read after the context of what was sent: the text fed since, kept
        /// until the context has come out unchanged (nil once it has, or without a context).
        var replay: String?
        /// Set when a finding reached into the context: the text is then scanned alone.
        var contextRejected = false
    }

    let location: String
    private let makeGuard: MakeGuard?
    private let restore: @Sendable (String) -> String
    /// The reverse of `restore`: the conversation's values as their placeholders.
    private let pseudonymize: @Sendable (String) -> String
    private var reader = JSONStringStream()
    private var escapes = JSONEscapeNormalizer()
    private var open: OpenPart?
    /// The path and member name of the string value opened last (to go on after a finish).
    private var openedValue: (path: String, name: String?)?
    private var textPart: OpenPart?
    /// The keys given out in each object (by ``JSONStringStream`` object number).
    private var objectKeys: [Int: ObjectKeys] = [:]
    /// The last bytes sent, as the policy wrote them (placeholders not restored): the context of
    /// a text scan that starts when the JSON breaks.
    private var sentTail: [UInt8] = []
    /// How much of what was sent a text scan reads first.
    static let contextBytes = 96
    /// One record per finished value that was guarded.
    private(set) var parts: [ScannedPart] = []
    /// Whether ``finish()`` was called.
    private(set) var isFinished = false

    /// - Parameters:
    ///   - location: the arguments' location (`choices[0].delta.tool_calls[1].function.arguments`).
    ///   - makeGuard: the guard for one value; nil to restore pseudonyms without scanning.
    ///   - restore: puts the conversation's values back in place of their placeholders.
    ///   - pseudonymize: the reverse (used only when the JSON breaks).
    init(
        location: String, makeGuard: MakeGuard?, restore: @escaping @Sendable (String) -> String,
        pseudonymize: @escaping @Sendable (String) -> String = { $0 }
    ) {
        self.location = location
        self.makeGuard = makeGuard
        self.restore = restore
        self.pseudonymize = pseudonymize
    }

    /// A reader for arguments that go on after these were finished (an upstream that sends more
    /// after a `finish_reason`): where the JSON was, with no records and nothing held back.
    func continuation() -> ToolArgumentsStream {
        var next = ToolArgumentsStream(location: location, makeGuard: makeGuard, restore: restore, pseudonymize: pseudonymize)
        next.reader = reader
        next.openedValue = openedValue
        next.sentTail = sentTail
        next.objectKeys = objectKeys
        return next
    }

    /// The records of the value open now (a stream cut short) and those finished.
    var allParts: [ScannedPart] {
        parts + [open, textPart].compactMap { $0.flatMap(Self.record) }
    }

    /// Feeds one fragment; returns what can be sent now (and the decision that blocked, if any).
    mutating func feed(_ fragment: String) -> StreamGuard.Output {
        handle(reader.feed(fragment))
    }

    /// Ends the arguments: everything still held back.
    mutating func finish() -> StreamGuard.Output {
        guard !isFinished else { return StreamGuard.Output(text: "") }
        var out = handle(reader.finish())
        guard out.blocked == nil else { return out }
        isFinished = true
        if textPart != nil {
            let rest = escapes.finish()
            if !rest.isEmpty {
                let step = feedText(rest)
                out.text += step.text
                if step.blocked != nil { return StreamGuard.Output(text: out.text, blocked: step.blocked) }
            }
            let last = close(text: true)
            out.text += last.text
            out.blocked = last.blocked
        } else if open != nil {
            // Ended inside a string value: its content so far, without a closing quote.
            let last = close(text: false)
            out.text += last.text
            out.blocked = last.blocked
        }
        return out
    }

    private mutating func handle(_ events: [JSONStringStream.Event]) -> StreamGuard.Output {
        var out = StreamGuard.Output(text: "")
        for event in events {
            let step: StreamGuard.Output
            switch event {
            case .verbatim(let text):
                step = StreamGuard.Output(text: text)
            case .key(let object, let path, let text, let raw):
                step = key(text, raw: raw, path: path, object: object)
            case .open(let path, let name):
                openedValue = (path, name)
                let opened = openValue(path: path, name: name)
                step = StreamGuard.Output(text: "\"" + opened.text, blocked: opened.blocked)
            case .content(let text):
                var opened = StreamGuard.Output(text: "")
                if open == nil, let (path, name) = openedValue {
                    // The value goes on after the arguments were finished (text after a
                    // `finish_reason`): a new guard, the opening quote long sent.
                    opened = openValue(path: path, name: name)
                    if opened.blocked != nil { step = opened; break }
                }
                let more = Self.emit(open?.sink.append(text), into: &open, restore: restore)
                step = StreamGuard.Output(text: opened.text + more.text, blocked: more.blocked)
            case .number(let path, let name, let text):
                step = number(text, path: path, name: name)
            case .close:
                let last = close(text: false)
                step = StreamGuard.Output(text: last.text + (last.blocked == nil ? "\"" : ""), blocked: last.blocked)
            case .unterminated(let raw):
                let last = close(text: false)
                step = StreamGuard.Output(text: last.text + (last.blocked == nil ? raw : ""), blocked: last.blocked)
            case .beginText:
                // Read after the end of what was sent (placeholders not restored, so a value
                // redacted there is not found again), which is not sent again.
                let label = makeGuard != nil ? context() : ""
                textPart = OpenPart(
                    sink: makeSink(), location: location, label: label, labelLeft: label.utf8.count, isJSONString: false,
                    replay: label.isEmpty ? nil : "")
                step = label.isEmpty ? StreamGuard.Output(text: "") : feedText(label, isContext: true)
            case .text(let text):
                if textPart == nil {
                    textPart = OpenPart(sink: makeSink(), location: location, label: "", labelLeft: 0, isJSONString: false)
                }
                step = feedText(escapes.feed(text))
            }
            out.text += step.text
            if let blocked = step.blocked { return StreamGuard.Output(text: out.text, blocked: blocked) }
            remember(step.text)
        }
        return out
    }

    /// Feeds the text scan. While its context has not come out, the text is kept: if a finding
    /// reaches into the context (what was sent cannot be taken back, and a finding made only of
    /// its end and the new text would send part of it again), the text is scanned alone.
    private mutating func feedText(_ text: String, isContext: Bool = false) -> StreamGuard.Output {
        if !isContext, textPart?.replay != nil { textPart?.replay? += text }
        let out = Self.emit(textPart?.sink.append(text), into: &textPart, restore: restore)
        return out.blocked == nil ? settleContext(out) : out
    }

    /// After output of a text scan with a context: drops the kept text once the context came out
    /// unchanged, or scans the kept text alone when it did not.
    private mutating func settleContext(_ out: StreamGuard.Output, finishing: Bool = false) -> StreamGuard.Output {
        guard let part = textPart, let replay = part.replay else { return out }
        if part.contextRejected {
            textPart = OpenPart(sink: makeSink(), location: location, label: "", labelLeft: 0, isJSONString: false)
            var alone = Self.emit(textPart?.sink.append(replay), into: &textPart, restore: restore)
            if finishing, alone.blocked == nil {
                let rest = Self.emit(textPart?.sink.finish(), into: &textPart, restore: restore)
                alone = StreamGuard.Output(text: alone.text + rest.text, blocked: rest.blocked)
            }
            return alone
        }
        if part.labelLeft == 0, !out.text.isEmpty || finishing { textPart?.replay = nil }
        return out
    }

    /// Notes text sent (the last ``contextBytes`` times four are kept).
    private mutating func remember(_ text: String) {
        guard makeGuard != nil, !text.isEmpty else { return }
        sentTail.append(contentsOf: text.utf8)
        if sentTail.count > 8 * Self.contextBytes { sentTail.removeFirst(sentTail.count - 4 * Self.contextBytes) }
    }

    /// The last ``contextBytes`` sent, as the policy wrote them: the conversation's values put
    /// back as placeholders (restored, they would be found again) and escapes that only hide a
    /// character written out.
    /// It starts at a space or a JSON delimiter: cut inside a token (`abcx4111…` cut to `4111…`),
    /// its end alone could read as a finding the whole never was.
    private func context() -> String {
        let sent = Array(pseudonymize(String(decoding: sentTail, as: UTF8.self)).utf8)
        var context = sent.suffix(Self.contextBytes)
        if context.count < sent.count {
            let delimiters = Set(" \t\n\r\"{}[],:".utf8)
            context = context.firstIndex(where: delimiters.contains).map { context[$0...] } ?? []
        }
        return JSONEscapeNormalizer.normalize(String(decoding: context, as: UTF8.self))
    }

    /// Starts guarding a string value: its label fed first when its member name is a secret's.
    private mutating func openValue(path: String, name: String?) -> StreamGuard.Output {
        let label = makeGuard != nil ? Self.label(name) : ""
        open = OpenPart(sink: makeSink(), location: location + path, label: label, labelLeft: label.utf8.count, isJSONString: true)
        guard !label.isEmpty else { return StreamGuard.Output(text: "") }
        return Self.emit(open?.sink.append(label), into: &open, restore: restore)
    }

    /// `name: ` when the member name is a secret's label (`password`, `api_key`), else empty.
    private static func label(_ name: String?) -> String {
        name.flatMap { ToolArgumentsScan.isSecretLabel($0) ? "\($0): " : nil } ?? ""
    }

    /// A number of at least ``ToolArgumentsScan/minNumberDigits`` digits is guarded as a value
    /// (a card or phone number written as a JSON number); rewritten, it becomes a string.
    private mutating func number(_ text: String, path: String, name: String?) -> StreamGuard.Output {
        guard makeGuard != nil, ToolArgumentsScan.isLongNumber(text) else { return StreamGuard.Output(text: text) }
        let label = Self.label(name)
        var part: OpenPart? = OpenPart(sink: makeSink(), location: location + path, label: label, labelLeft: label.utf8.count, isJSONString: true)
        var guarded = Self.emit(part?.sink.append(label + text), into: &part, restore: restore)
        if guarded.blocked == nil {
            let rest = Self.emit(part?.sink.finish(), into: &part, restore: restore)
            guarded = StreamGuard.Output(text: guarded.text + rest.text, blocked: rest.blocked)
        }
        if let part, let record = Self.record(part) { parts.append(record) }
        guard guarded.blocked == nil else { return guarded }
        return StreamGuard.Output(text: guarded.text == text ? text : "\"\(guarded.text)\"")
    }

    /// A key is guarded whole, like a short value (a key can hold an address or a token:
    /// `{"jane@example.com": "cc"}`), its placeholders are restored, and it is kept distinct from
    /// the object's other keys (``ObjectKeys``); unchanged, it passes as written.
    private mutating func key(_ text: String, raw: String, path: String, object: Int) -> StreamGuard.Output {
        // Not encoded by `emit`: the key is compared and made distinct decoded.
        var part: OpenPart? = OpenPart(
            sink: makeSink(), location: location + path + ToolArgumentsScan.keySuffix, label: "", labelLeft: 0, isJSONString: false)
        var guarded = Self.emit(part?.sink.append(text), into: &part, restore: restore)
        if guarded.blocked == nil {
            let rest = Self.emit(part?.sink.finish(), into: &part, restore: restore)
            guarded = StreamGuard.Output(text: guarded.text + rest.text, blocked: rest.blocked)
        }
        if let part, let record = Self.record(part), ToolArgumentsScan.isRecorded(record.decision, at: record.location) {
            parts.append(record)
        }
        guard guarded.blocked == nil else { return guarded }
        let name = objectKeys[object, default: ObjectKeys()].add(guarded.text, changed: guarded.text != text)
        guard name != text else { return StreamGuard.Output(text: raw) }
        var encoded: [UInt8] = []
        JSONValue.writeStringContent(name, to: &encoded)
        return StreamGuard.Output(text: "\"" + String(decoding: encoded, as: UTF8.self) + "\"")
    }

    private func makeSink() -> Sink {
        if let makeGuard { return .guarded(makeGuard()) }
        return .restoreOnly(PlaceholderHoldback())
    }

    /// Finishes the open value (or the text) and records it.
    private mutating func close(text: Bool) -> StreamGuard.Output {
        var out: StreamGuard.Output
        if text {
            out = Self.emit(textPart?.sink.finish(), into: &textPart, restore: restore)
            if out.blocked == nil, textPart?.contextRejected == true { out = settleContext(out, finishing: true) }
        } else {
            out = Self.emit(open?.sink.finish(), into: &open, restore: restore)
        }
        if let part = text ? textPart : open, let record = Self.record(part) { parts.append(record) }
        if text { textPart = nil } else { open = nil }
        return out
    }

    /// What a part's sink gave, restored, without the label, encoded for its place.
    private static func emit(
        _ output: StreamGuard.Output?, into part: inout OpenPart?, restore: (String) -> String
    ) -> StreamGuard.Output {
        guard var output, var current = part else { return StreamGuard.Output(text: "") }
        guard output.blocked == nil else { return output }
        var text = output.text
        if current.labelLeft > 0, !text.isEmpty {
            // The label (or context) comes out first, as it went in, unless a finding reached
            // into it: then only the part before the finding is dropped (the rest was sent
            // before, or is the label's own, as ToolArgumentsScan leaves it).
            let left = current.label.utf8.suffix(current.labelLeft)
            let common = zip(left, text.utf8).prefix { $0 == $1 }.count
            let unchanged = common == min(left.count, output.text.utf8.count)
            if !unchanged, current.replay != nil {
                // A context that did not come out as it went in: the caller scans the text alone.
                current.contextRejected = true
                part = current
                return StreamGuard.Output(text: "")
            }
            text = String(decoding: text.utf8.dropFirst(common), as: UTF8.self)
            current.labelLeft = unchanged ? current.labelLeft - common : 0
            part = current
        }
        text = restore(text)
        if current.isJSONString {
            var encoded: [UInt8] = []
            JSONValue.writeStringContent(text, to: &encoded)
            text = String(decoding: encoded, as: UTF8.self)
        }
        output.text = text
        return output
    }

    private static func record(_ part: OpenPart) -> ScannedPart? {
        part.sink.summary.map { ScannedPart(location: part.location, role: "assistant", direction: .output, decision: $0) }
    }
}
