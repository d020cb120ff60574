import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension JSONLAuditStore {
    /// Appends bytes under an exclusive lock and fsyncs; on a short write, truncates back.
    static func appendDurably(_ bytes: [UInt8], path: String, url: String) throws {
        let fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw ioError("open", url) }
        defer { _ = Glibc.close(fd) }
        guard flock(fd, LOCK_EX) == 0 else { throw ioError("flock", url) }
        defer { _ = flock(fd, LOCK_UN) }
        let start = lseek(fd, 0, SEEK_END)
        var written = 0
        while written < bytes.count {
            let result = bytes.withUnsafeBytes { buffer in
                write(fd, buffer.baseAddress.map { $0 + written }, bytes.count - written)
            }
            if result < 0 && errno == EINTR { continue }
            guard result > 0 else {
                let error = ioError("write", url)
                if start >= 0 { _ = ftruncate(fd, start) }
                throw error
            }
            written += result
        }
        guard fsync(fd) == 0 else {
            let error = ioError("fsync", url)
            if start >= 0 { _ = ftruncate(fd, start) }
            throw error
        }
    }

    /// Replaces the file's contents atomically: temp file, fsync, rename, fsync directory.
    static func replace(path: String, with bytes: [UInt8], url: String) throws {
        let temporary = path + ".purge-tmp"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw ioError("open", url) }
        var written = 0
        while written < bytes.count {
            let result = bytes.withUnsafeBytes { write(fd, $0.baseAddress.map { $0 + written }, bytes.count - written) }
            if result < 0 && errno == EINTR { continue }
            guard result > 0 else { _ = Glibc.close(fd); throw ioError("write", url) }
            written += result
        }
        guard fsync(fd) == 0 else { _ = Glibc.close(fd); throw ioError("fsync", url) }
        _ = Glibc.close(fd)
        guard rename(temporary, path) == 0 else { throw ioError("rename", url) }
        syncDirectory(of: path)
    }

    /// Truncates a last line without its line end, fsyncs, and says what was cut.
    static func cutTornTail(path: String, url: String) throws -> AuditError? {
        let data = try readAll(path: path, url: url)
        guard let last = data.last, last != UInt8(ascii: "\n") else { return nil }
        let keep = (data.lastIndex(of: UInt8(ascii: "\n")) ?? -1) + 1
        let line = data[..<keep].reduce(1) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) }
        let fd = open(path, O_WRONLY | O_CLOEXEC)
        guard fd >= 0 else { throw ioError("open", url) }
        defer { _ = Glibc.close(fd) }
        guard flock(fd, LOCK_EX) == 0 else { throw ioError("flock", url) }
        defer { _ = flock(fd, LOCK_UN) }
        guard ftruncate(fd, off_t(keep)) == 0, fsync(fd) == 0 else { throw ioError("ftruncate", url) }
        return AuditError(
            code: "torn_line", message: "cut off torn line \(line) (\(data.count - keep) bytes of a write never acknowledged)",
            location: "\(path):\(line)")
    }

    /// Reads the whole file.
    static func readAll(path: String, url: String) throws -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw AuditError(code: "io_error", message: "cannot read the file", location: url)
        }
        return [UInt8](data)
    }

    /// Fsyncs the directory holding `path`, so a new or renamed file's entry is durable.
    static func syncDirectory(of path: String) {
        let directory = (path as NSString).deletingLastPathComponent
        let fd = open(directory.isEmpty ? "." : directory, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return }
        _ = fsync(fd)
        _ = Glibc.close(fd)
    }

    private static func ioError(_ call: String, _ url: String) -> AuditError {
        AuditError(code: "io_error", message: "\(call) failed: \(String(cString: strerror(errno)))", location: url)
    }
}
