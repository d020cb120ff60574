import Foundation
import ArgumentParser
import Parapet

/// Reads the one text a command works on: an argument, a file, or standard input.
enum TextInput {
    /// The text from `argument`, else the file at `file`, else standard input (`-`).
    ///
    /// A missing file, a directory, an unreadable file or stdin, a NUL byte (binary data, as
    /// `scan` refuses it) and invalid UTF-8 are reported on stderr with the file name (and the
    /// byte offset), then the command exits with ``ExitStatus/error``. An empty file or stdin
    /// is an empty text.
    static func read(argument: String?, file: String?) throws -> String {
        if let argument {
            guard file == nil else { throw ValidationError("give either TEXT or --file, not both") }
            return argument
        }
        do {
            return try text(of: try bytes(file ?? "-"), from: file ?? "-")
        } catch let error as InputError {
            Terminal.error(error.description)
            throw ExitStatus.error
        }
    }

    /// The bytes of `path` (`-` for standard input).
    /// - Throws: ``InputError``.
    static func bytes(_ path: String) throws -> Data {
        let name = LineReader.displayName(path)
        let handle = try LineReader.open(path)
        defer { if path != "-" { try? handle.close() } }
        // `readDataToEndOfFile()` traps when the read fails (stdin a directory, or closed).
        do {
            return try handle.readToEnd() ?? Data()
        } catch {
            throw InputError.unreadable(name, error)
        }
    }

    /// `data` as text: refused (``InputError``) when it holds a NUL byte or is not UTF-8.
    static func text(of data: Data, from path: String) throws -> String {
        let name = LineReader.displayName(path)
        if let nul = data.firstIndex(of: 0) {
            throw InputError.binaryFile(name, nulAt: nul - data.startIndex)
        }
        guard let string = String(validating: data, as: UTF8.self) else {
            let offset = RecordParser.firstInvalidUTF8(Array(data))
            throw InputError(file: name, line: nil, code: "invalid_utf8", message: "not valid UTF-8 at byte \(offset)")
        }
        return string
    }
}
