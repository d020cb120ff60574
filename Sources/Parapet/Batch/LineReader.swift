package import Foundation

/// Reads a file line by line as raw bytes, with 1-based line numbers, without loading it whole.
///
/// Lines longer than `maxLineBytes` are returned as ``Line/tooLong`` (their bytes dropped) so a
/// single huge line cannot exhaust memory; the rest of the file is still read.
public final class LineReader {
    /// One line of input.
    public enum Line: Sendable {
        /// A line's bytes, without the trailing `\n` (and `\r`).
        case bytes(number: Int, [UInt8])
        /// A line over the size limit, with its length.
        case tooLong(number: Int, length: Int)
    }

    private let handle: FileHandle
    /// The name errors give: the path, or `<stdin>`.
    private let name: String
    private let maxLineBytes: Int
    private var buffer: [UInt8] = []
    private var position = 0
    private var lineNumber = 0
    private var atEOF = false
    private var skipping: Int?  // length so far of an over-long line being skipped

    /// Opens a file; `path` `-` means standard input.
    /// - Throws: ``InputError`` when the file cannot be opened or is a directory.
    public init(path: String, maxLineBytes: Int = 16 << 20) throws {
        self.maxLineBytes = maxLineBytes
        name = Self.displayName(path)
        handle = try Self.open(path)
    }

    /// How errors name `path`: itself, or `<stdin>` for `-`.
    package static func displayName(_ path: String) -> String {
        path == "-" ? "<stdin>" : path
    }

    /// Opens `path` for reading (`-` is standard input).
    /// - Throws: ``InputError`` `file_not_found`, `is_directory` or `unreadable`.
    package static func open(_ path: String) throws -> FileHandle {
        if path == "-" { return FileHandle.standardInput }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw InputError(file: path, line: nil, code: "file_not_found", message: "no such file")
        }
        guard !isDirectory.boolValue else {
            throw InputError(file: path, line: nil, code: "is_directory", message: "is a directory, not a file")
        }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw InputError(file: path, line: nil, code: "unreadable", message: "cannot open for reading")
        }
        return handle
    }

    deinit { try? handle.close() }

    /// The next line, or `nil` at the end of the file.
    public func next() throws -> Line? {
        while true {
            if let newline = buffer[position...].firstIndex(of: UInt8(ascii: "\n")) {
                let line = buffer[position..<newline]
                position = newline + 1
                if let skipped = skipping {
                    skipping = nil
                    lineNumber += 1
                    return .tooLong(number: lineNumber, length: skipped + line.count)
                }
                lineNumber += 1
                if line.count > maxLineBytes { return .tooLong(number: lineNumber, length: line.count) }
                return .bytes(number: lineNumber, Self.trimCR(line))
            }
            if atEOF {
                guard position < buffer.count || skipping != nil else { return nil }
                let line = buffer[position...]
                position = buffer.count
                lineNumber += 1
                if let skipped = skipping {
                    skipping = nil
                    return .tooLong(number: lineNumber, length: skipped + line.count)
                }
                if line.count > maxLineBytes { return .tooLong(number: lineNumber, length: line.count) }
                return .bytes(number: lineNumber, Self.trimCR(line))
            }
            let pending = buffer.count - position
            if pending > maxLineBytes {
                skipping = (skipping ?? 0) + pending
                buffer.removeAll(keepingCapacity: true)
                position = 0
            }
            try fill()
        }
    }

    private func fill() throws {
        if position > 0 {
            buffer.removeFirst(position)
            position = 0
        }
        let chunk: Data
        do {
            chunk = try handle.read(upToCount: 1 << 20) ?? Data()
        } catch {
            throw InputError.unreadable(name, error)
        }
        if chunk.isEmpty { atEOF = true } else { buffer.append(contentsOf: chunk) }
    }

    private static func trimCR(_ line: ArraySlice<UInt8>) -> [UInt8] {
        line.last == UInt8(ascii: "\r") ? Array(line.dropLast()) : Array(line)
    }
}

/// A problem with an input file or record, with its location.
public struct InputError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file.
    public var file: String
    /// The 1-based line, when the problem is in one record.
    public var line: Int?
    /// A stable code: `file_not_found`, `is_directory`, `unreadable`, `binary_file`, `binary_line`,
    /// `invalid_utf8`, `line_too_long`, `invalid_json`, `missing_field`, `bad_field`.
    public var code: String
    /// What is wrong.
    public var message: String

    /// `unreadable`: a read of `file` failed, with the system's reason.
    public static func unreadable(_ file: String, _ error: any Error) -> InputError {
        InputError(file: file, line: nil, code: "unreadable", message: "cannot read (\(systemReason(error)))")
    }

    /// `binary_file`: `file` holds a NUL byte at `offset`.
    public static func binaryFile(_ file: String, nulAt offset: Int) -> InputError {
        InputError(file: file, line: nil, code: "binary_file", message: "looks like a binary file (NUL byte at offset \(offset))")
    }

    /// The system's reason for a failed read (`Is a directory`): Foundation wraps the POSIX
    /// error, whose code is the `errno`.
    public static func systemReason(_ error: any Error) -> String {
        let error = error as NSError
        let posix = (error.userInfo[NSUnderlyingErrorKey] as? NSError) ?? error
        guard posix.domain == NSPOSIXErrorDomain, let text = strerror(Int32(posix.code)) else { return "\(error)" }
        return String(cString: text)
    }

    /// Creates an input error.
    public init(file: String, line: Int?, code: String, message: String) {
        self.file = file
        self.line = line
        self.code = code
        self.message = message
    }

    /// `file:line: error[code]: message`.
    public var description: String {
        let location = line.map { "\(file):\($0)" } ?? file
        return "\(location): error[\(code)]: \(message)"
    }
}
