#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A read-only memory map of a whole file, unmapped when the last reference goes.
///
/// An empty file maps to an empty buffer (mmap refuses length 0).
final class MappedFile: @unchecked Sendable {
    // SAFETY: the mapping is PROT_READ and never written or remapped after init, so concurrent
    // reads from many threads are safe; munmap happens only in deinit, when no reference remains.
    let bytes: UnsafeRawBufferPointer
    private let mapped: Bool

    /// Maps `path` read-only.
    init(path: String) throws(EncoderError) {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else {
            throw EncoderError(.io, "cannot open: \(String(cString: strerror(errno)))", path: path)
        }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else {
            throw EncoderError(.io, "cannot stat: \(String(cString: strerror(errno)))", path: path)
        }
        let size = Int(st.st_size)
        if size == 0 {
            bytes = UnsafeRawBufferPointer(start: nil, count: 0)
            mapped = false
            return
        }
        guard let base = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0), base != MAP_FAILED else {
            throw EncoderError(.io, "cannot map: \(String(cString: strerror(errno)))", path: path)
        }
        bytes = UnsafeRawBufferPointer(start: base, count: size)
        mapped = true
    }

    /// Tells the kernel the whole pages inside `range` are not needed now (`MADV_DONTNEED`):
    /// they leave the resident set and are read again from the file on the next access.
    func release(bytes range: Range<Int>) {
        guard mapped, let base = bytes.baseAddress, range.lowerBound >= 0, range.upperBound <= bytes.count else { return }
        let page = max(4096, sysconf(Int32(_SC_PAGESIZE)))
        let start = (Int(bitPattern: base) + range.lowerBound + page - 1) / page * page
        let end = (Int(bitPattern: base) + range.upperBound) / page * page
        guard end > start, let p = UnsafeMutableRawPointer(bitPattern: start) else { return }
        _ = madvise(p, end - start, MADV_DONTNEED)
    }

    deinit {
        if mapped, let base = bytes.baseAddress {
            munmap(UnsafeMutableRawPointer(mutating: base), bytes.count)
        }
    }
}
