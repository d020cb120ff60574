extension Duration {
    /// The duration in microseconds, the unit of ``Decision/timings``.
    public var microseconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) * 1_000_000 + Double(attoseconds) / 1_000_000_000_000
    }
}
