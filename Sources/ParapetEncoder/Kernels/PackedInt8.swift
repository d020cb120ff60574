/// An int8 weight (n × k) packed into the int8 kernels' panel layout.
struct PackedInt8: Sendable {
    /// The panels (see `pk_s8_pack`).
    let buffer: AlignedBuffer<Int8>
    /// Every weight is within ±64, so the kernel may add two k quads' products in int16 before
    /// widening them (a quarter fewer multiply instructions than full-range weights need).
    let narrow: Bool
}
