/// An error from the encoder runtime: a stable code, a message and where it happened.
///
/// Loading a malformed model file never traps: every check that can fail on input data
/// throws one of these instead, naming the file, the tensor and the byte offset when known.
public struct EncoderError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A stable machine-readable error code.
    public struct Code: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
        /// The code's text, e.g. `safetensors.truncated`.
        public var rawValue: String
        /// Creates a code from its text.
        public init(rawValue: String) { self.rawValue = rawValue }
        /// The code's text.
        public var description: String { rawValue }

        /// A file could not be opened, read or mapped.
        public static let io = Code(rawValue: "io")
        /// The file is shorter than its header says.
        public static let truncated = Code(rawValue: "safetensors.truncated")
        /// The safetensors header is not valid JSON or not the expected shape.
        public static let badHeader = Code(rawValue: "safetensors.bad_header")
        /// A tensor's byte range is outside the data section or disagrees with dtype × shape.
        public static let badOffsets = Code(rawValue: "safetensors.bad_offsets")
        /// Two tensors share bytes.
        public static let overlap = Code(rawValue: "safetensors.overlap")
        /// A dtype this runtime does not read.
        public static let unsupportedDType = Code(rawValue: "safetensors.unsupported_dtype")
        /// A tensor the model needs is absent.
        public static let missingTensor = Code(rawValue: "model.missing_tensor")
        /// A weight holds NaN or an infinity (a corrupt or diverged model).
        public static let nonFiniteWeight = Code(rawValue: "model.non_finite_weight")
        /// A tensor's shape disagrees with `config.json`.
        public static let shapeMismatch = Code(rawValue: "model.shape_mismatch")
        /// `config.json` is missing, unreadable or describes an unsupported model.
        public static let badConfig = Code(rawValue: "model.bad_config")
        /// The tokenizer files are missing or malformed.
        public static let badTokenizer = Code(rawValue: "tokenizer.bad_vocabulary")
        /// A cached model does not match its manifest.
        public static let verifyFailed = Code(rawValue: "store.verify_failed")
        /// A caller passed an argument the runtime cannot use.
        public static let invalidArgument = Code(rawValue: "invalid_argument")
        /// A classifier bundle's `manifest.json` is missing, not JSON, or has a bad field.
        public static let badManifest = Code(rawValue: "classifier.bad_manifest")
        /// A bundle file or the backbone does not have the SHA-256 the manifest pins.
        public static let digestMismatch = Code(rawValue: "classifier.digest_mismatch")
    }

    /// The stable code.
    public var code: Code
    /// A human-readable message.
    public var message: String
    /// The file concerned, if any.
    public var path: String?
    /// The tensor concerned, if any.
    public var tensor: String?
    /// The byte offset in the file concerned, if any.
    public var offset: Int?
    /// The manifest field concerned (`tasks[1].thresholds`), if any.
    public var field: String?

    /// Creates an error.
    public init(_ code: Code, _ message: String, path: String? = nil, tensor: String? = nil, offset: Int? = nil,
                field: String? = nil) {
        self.code = code
        self.field = field
        self.message = message
        self.path = path
        self.tensor = tensor
        self.offset = offset
    }

    /// `[code] message (path, tensor, offset)`.
    public var description: String {
        var where_: [String] = []
        if let path { where_.append(path) }
        if let field { where_.append("field \(field)") }
        if let tensor { where_.append("tensor \(tensor)") }
        if let offset { where_.append("offset \(offset)") }
        let suffix = where_.isEmpty ? "" : " (" + where_.joined(separator: ", ") + ")"
        return "[\(code.rawValue)] \(message)\(suffix)"
    }
}
