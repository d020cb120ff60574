/// A fixed-size, 64-byte-aligned heap buffer that frees itself: packed weights live here.
final class AlignedBuffer<Element: BitwiseCopyable>: @unchecked Sendable {
    // SAFETY: the contents are written once, right after allocation, by the packing function
    // that creates the buffer, and only read afterwards (the pointer never escapes for writing);
    // memory is freed only in deinit, when no reference remains.
    let pointer: UnsafeMutablePointer<Element>
    let count: Int

    /// Uninitialised storage for `count` elements (at least one, so the pointer is never null).
    init(count: Int) {
        self.count = count
        let raw = UnsafeMutableRawPointer.allocate(byteCount: max(1, count) * MemoryLayout<Element>.stride, alignment: 64)
        pointer = raw.bindMemory(to: Element.self, capacity: max(1, count))
    }

    /// Bytes held.
    var byteCount: Int { count * MemoryLayout<Element>.stride }

    deinit { UnsafeMutableRawPointer(pointer).deallocate() }
}
