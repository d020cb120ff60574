extension StringProtocol {
    /// Calls `body` with the text's UTF-8 bytes as one buffer: a native string's own storage,
    /// read in place, or a copy for the rare text that is not contiguous. Validators that walk
    /// bytes read them so instead of through the UTF-8 view's indices.
    func withUTF8Buffer<Result>(_ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        if let result = utf8.withContiguousStorageIfAvailable(body) { return result }
        return Array(utf8).withUnsafeBufferPointer(body)
    }
}
