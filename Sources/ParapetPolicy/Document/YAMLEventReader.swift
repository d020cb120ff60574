internal import CYaml

/// libyaml's event parser behind a thin wrapper: a text's events in order, each with where it
/// starts, and nothing composed.
///
/// `CYaml` is the libyaml that Yams itself parses with (a module of the Yams package), so the
/// events and their positions are exactly those behind the nodes Yams composes.
final class YAMLEventReader {
    /// The kinds of event a pre-check needs to tell apart.
    enum Kind: Equatable {
        case scalar, alias, sequenceStart, sequenceEnd, mappingStart, mappingEnd
        /// Stream and document boundaries.
        case other
    }

    /// One event: its kind, where it starts (1-based as Yams's `Mark`, libyaml's lines: see
    /// ``YAMLLineMap``), the Unicode scalar offsets of its text, and a scalar's value.
    struct Event {
        var kind: Kind
        var line: Int
        var column: Int
        /// Where the event's text starts and ends, in Unicode scalars from the start of the text
        /// (a node's tag and anchor included).
        var start: Int
        var end: Int
        /// The value of a scalar event, `nil` for other kinds.
        var value: String?
        /// The anchor (`&name`) of a scalar event, if it has one.
        var anchor: String?
    }

    private let parser: UnsafeMutablePointer<yaml_parser_t>
    private let input: UnsafeMutableBufferPointer<UInt8>
    private var finished = false

    /// A reader of `text` (UTF-8).
    init(_ text: String) {
        input = .allocate(capacity: max(1, text.utf8.count))
        _ = input.initialize(from: text.utf8)
        parser = .allocate(capacity: 1)
        parser.initialize(to: yaml_parser_t())
        yaml_parser_initialize(parser)
        yaml_parser_set_encoding(parser, YAML_UTF8_ENCODING)
        yaml_parser_set_input_string(parser, input.baseAddress, text.utf8.count)
    }

    deinit {
        yaml_parser_delete(parser)
        parser.deallocate()
        input.deallocate()
    }

    /// The next event, or `nil` after the stream's end or at the first syntax error (which the
    /// composer reports with its location when it reads the same text).
    func next() -> Event? {
        guard !finished else { return nil }
        var event = yaml_event_t()
        guard yaml_parser_parse(parser, &event) == 1 else {
            finished = true
            return nil
        }
        defer { yaml_event_delete(&event) }
        if event.type == YAML_STREAM_END_EVENT { finished = true }
        var value: String?
        var anchor: String?
        if event.type == YAML_SCALAR_EVENT {
            if let bytes = event.data.scalar.value {
                value = String(decoding: UnsafeBufferPointer(start: bytes, count: event.data.scalar.length), as: UTF8.self)
            }
            anchor = event.data.scalar.anchor.map { String(cString: $0) }
        }
        return Event(kind: Self.kind(of: event.type), line: Int(event.start_mark.line) + 1,
                     column: Int(event.start_mark.column) + 1, start: Int(event.start_mark.index),
                     end: Int(event.end_mark.index), value: value, anchor: anchor)
    }

    private static func kind(of type: yaml_event_type_t) -> Kind {
        switch type {
        case YAML_SCALAR_EVENT: .scalar
        case YAML_ALIAS_EVENT: .alias
        case YAML_SEQUENCE_START_EVENT: .sequenceStart
        case YAML_SEQUENCE_END_EVENT: .sequenceEnd
        case YAML_MAPPING_START_EVENT: .mappingStart
        case YAML_MAPPING_END_EVENT: .mappingEnd
        default: .other
        }
    }
}
