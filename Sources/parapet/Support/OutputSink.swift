import Foundation
import Parapet

/// Buffered line output to a file or standard output.
///
/// Writes go straight to the file descriptor and every failure is an error naming the output
/// (a full disk, a size limit, a closed pipe), never a silent success. A file is cut back to the
/// last complete line when a write fails, so it never ends in half a record.
final class OutputSink {
    private let handle: FileHandle
    private let ownsHandle: Bool
    /// The name errors give: the path, or `<stdout>`.
    private let name: String
    private var buffer = Data()
    /// Bytes of complete lines written so far (files only: where a failed write is cut back to).
    private var committed: off_t = 0

    /// Opens `path` for writing (truncating it), or standard output when `nil` or `-`.
    init(path: String?) throws {
        guard let path, path != "-" else {
            handle = FileHandle.standardOutput
            ownsHandle = false
            name = "<stdout>"
            return
        }
        // open(2), not `FileManager.createFile`: that writes a new file and renames it over the
        // path, which replaces a device or a FIFO (`--out /dev/full`) with a plain file.
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw InputError(file: path, line: nil, code: "unwritable", message: "cannot open for writing (\(String(cString: strerror(errno))))")
        }
        self.handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        ownsHandle = true
        name = path
    }

    /// Whether `path` names the same file as an existing `other` (so opening it for writing
    /// would truncate an input before it is read).
    static func isSameFile(_ path: String, as other: String) -> Bool {
        var a = stat(), b = stat()
        guard stat(path, &a) == 0, stat(other, &b) == 0 else { return false }
        return a.st_dev == b.st_dev && a.st_ino == b.st_ino
    }

    /// Appends one line.
    func write(_ line: String) throws {
        buffer.append(contentsOf: line.utf8)
        buffer.append(UInt8(ascii: "\n"))
        if buffer.count >= 1 << 16 { try flush() }
    }

    /// Writes what is buffered (whole lines only).
    func flush() throws {
        guard !buffer.isEmpty else { return }
        let descriptor = handle.fileDescriptor
        let failure: Int32? = buffer.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let written = Foundation.write(descriptor, raw.baseAddress! + offset, raw.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                offset += written
            }
            return nil
        }
        if let failure {
            if ownsHandle { _ = ftruncate(descriptor, committed) }
            throw WriteFailure(output: name, reason: String(cString: strerror(failure)))
        }
        committed += off_t(buffer.count)
        buffer.removeAll(keepingCapacity: true)
    }

    /// A failed write: the output and the system's reason. Its own type, so that a command's
    /// handling of bad input files never mistakes it for one.
    struct WriteFailure: Error, CustomStringConvertible {
        let output: String
        let reason: String
        var description: String { "\(output): error[write_failed]: \(reason)" }
    }

    /// Flushes and closes the file.
    func close() throws {
        try flush()
        if ownsHandle { try handle.close() }
    }
}
