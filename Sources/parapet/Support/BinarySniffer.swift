import Foundation
import Parapet

/// Refuses binary files before they are read line by line.
enum BinarySniffer {
    /// Throws `binary_file` when the first 8 KiB of `path` contain a NUL byte.
    static func check(_ path: String) throws {
        guard path != "-", let handle = FileHandle(forReadingAtPath: path) else { return }
        defer { try? handle.close() }
        let head = (try? handle.read(upToCount: 8192)) ?? Data()
        if let offset = head.firstIndex(of: 0) {
            throw InputError.binaryFile(path, nulAt: offset)
        }
    }
}
