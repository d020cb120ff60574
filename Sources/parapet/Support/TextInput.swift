import Foundation
import ArgumentParser
import Parapet

/// Reads the one text a command works on: an argument, a file, or standard input.
enum TextInput {
    /// The text from `argument`, else the file at `file`, else standard input (`-`).
    ///
    /// A missing or unreadable file and invalid UTF-8 are reported on stderr with the file name
    /// (and the byte offset), then the command exits with ``ExitStatus/error``.
    static func read(argument: String?, file: String?) throws -> String {
        if let argument {
            guard file == nil else { throw ValidationError("give either TEXT or --file, not both") }
            return argument
        }
        let path = file ?? "-"
        let data: Data
        if path == "-" {
            // `readDataToEndOfFile()` traps when the read fails (stdin a directory, or closed).
            do {
                data = try FileHandle.standardInput.readToEnd() ?? Data()
            } catch {
                Terminal.error("<stdin>: error[unreadable]: cannot read standard input (\(InputError.systemReason(error)))")
                throw ExitStatus.error
            }
        } else {
            guard FileManager.default.fileExists(atPath: path) else {
                Terminal.error("\(path): error[file_not_found]: no such file")
                throw ExitStatus.error
            }
            guard let contents = FileManager.default.contents(atPath: path) else {
                Terminal.error("\(path): error[unreadable]: cannot read")
                throw ExitStatus.error
            }
            data = contents
        }
        guard let string = String(validating: data, as: UTF8.self) else {
            let offset = RecordParser.firstInvalidUTF8(Array(data))
            Terminal.error("\(path): error[invalid_utf8]: not valid UTF-8 at byte \(offset)")
            throw ExitStatus.error
        }
        return string
    }
}
