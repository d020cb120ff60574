internal import CParapetKernels

/// The only door to Parapet's own C kernels (`CParapetKernels`): GEMM on weights packed once at
/// load (fp32, and int8 weights × 7-bit activation codes with int32 accumulation), fused bias / residual / GELU epilogues, and
/// per-head attention. ``Reference`` holds the naive loops the tests compare them with.
enum Native {
    /// The instruction set a kernel call runs on.
    enum ISA: Int32, Sendable, CaseIterable {
        /// Portable C loops.
        case portable = 0
        /// AVX2 + FMA micro-kernels (x86-64).
        case avx2 = 1
    }

    /// What the epilogue applies after bias and residual.
    enum Activation: Int32, Sendable {
        case none = 0
        case gelu = 1
    }

    /// The best instruction set of this CPU, chosen once. `PARAPET_KERNELS=portable` forces
    /// the portable loops.
    static let best: ISA = {
        if let v = getenv("PARAPET_KERNELS"), String(cString: v) == "portable" { return .portable }
        return ISA(rawValue: pk_best_isa()) ?? .portable
    }()

    /// Whether int8 models run attention on the int8 kernels (the default);
    /// `PARAPET_INT8_ATTENTION=0` keeps them on the fp32 attention (for comparisons).
    static let int8Attention: Bool = {
        if let v = getenv("PARAPET_INT8_ATTENTION"), String(cString: v) == "0" { return false }
        return true
    }()

    /// Every instruction set this CPU can run (the tests check each against the reference).
    static var available: [ISA] { ISA.allCases.filter { $0.rawValue <= pk_best_isa() } }

    /// A short name for diagnostics and benchmarks.
    static var name: String { best == .avx2 ? "avx2+fma" : "portable" }

    // MARK: fp32

    /// W (n × k, row stride ldw) packed into the kernel's panel layout.
    static func packF32(_ w: UnsafePointer<Float>?, ldw: Int, n: Int, k: Int) -> AlignedBuffer<Float> {
        let buf = AlignedBuffer<Float>(count: pk_f32_packed_count(Int32(n), Int32(k)))
        pk_f32_pack(w, Int32(ldw), Int32(n), Int32(k), buf.pointer)
        return buf
    }

    /// Output channels per packed panel.
    static let panelWidth = 16

    /// The number of packed panels of a weight with `n` output channels.
    static func panelCount(_ n: Int) -> Int { (n + panelWidth - 1) / panelWidth }

    /// The output channels `panels` cover, clipped to n.
    static func channels(_ panels: Range<Int>, n: Int) -> Range<Int> {
        let lo = min(n, panels.lowerBound * panelWidth)
        return lo..<min(n, panels.upperBound * panelWidth)
    }

    /// y(m × n) = x(m × k) · Wᵀ + bias [+ y], then `activation`; only the output channels of
    /// `panels` when given (so threads can split one product by panels).
    static func gemmF32(
        m: Int, n: Int, k: Int, x: UnsafePointer<Float>, ldx: Int, packed: AlignedBuffer<Float>,
        bias: UnsafePointer<Float>?, y: UnsafeMutablePointer<Float>, ldy: Int,
        accumulate: Bool, activation: Activation = .none, panels: Range<Int>? = nil, isa: ISA = Native.best
    ) {
        let cols = channels(panels ?? 0..<panelCount(n), n: n)
        guard !cols.isEmpty else { return }
        let j0 = cols.lowerBound
        pk_f32_gemm(isa.rawValue, Int32(m), Int32(cols.count), Int32(k), x, Int32(ldx), packed.pointer + j0 * k,
                    bias.map { $0 + j0 }, y + j0, Int32(ldy), accumulate ? 1 : 0, activation.rawValue)
    }

    // MARK: int8

    /// Row stride (bytes) of quantized activations for `k` inputs.
    static func int8RowStride(_ k: Int) -> Int { Int(pk_s8_row_stride(Int32(k))) }

    /// Quantization groups (128 inputs each) of a row of `k` activations: each has its own
    /// scale and offset.
    static func int8Groups(_ k: Int) -> Int { Int(pk_s8_groups(Int32(k))) }

    /// int8 W (n × k, row-major) packed into the kernel's panel layout (with each channel's
    /// weight sum, which the epilogue needs for the activations' offsets).
    static func packInt8(_ w: UnsafePointer<Int8>?, n: Int, k: Int) -> PackedInt8 {
        let buf = AlignedBuffer<Int8>(count: pk_s8_packed_count(Int32(n), Int32(k)))
        let narrow = pk_s8_pack(w, Int32(n), Int32(k), buf.pointer) != 0
        return PackedInt8(buffer: buf, narrow: narrow)
    }

    /// Asymmetric 7-bit quantization of x (m × k) into `q` (m × int8RowStride(k)) by row and
    /// group of 128 inputs: x ≈ q · scale + offset with q in 0…127; `scales` and `offsets`
    /// are m × int8Groups(k).
    static func quantizeRows(m: Int, k: Int, x: UnsafePointer<Float>, ldx: Int, q: UnsafeMutablePointer<UInt8>,
                             scales: UnsafeMutablePointer<Float>, offsets: UnsafeMutablePointer<Float>,
                             isa: ISA = Native.best) {
        pk_s8_quantize_rows(isa.rawValue, Int32(m), Int32(k), x, Int32(ldx), q, scales, offsets)
    }

    /// Exact y(m × n) = q · Wᵀ of the codes, in Int32.
    static func gemmInt8Raw(m: Int, n: Int, k: Int, q: UnsafePointer<UInt8>, packed: PackedInt8,
                            y: UnsafeMutablePointer<Int32>, ldy: Int, isa: ISA = Native.best) {
        pk_s8_gemm_raw(isa.rawValue, Int32(m), Int32(n), Int32(k), q, packed.buffer.pointer, packed.narrow ? 1 : 0, y, Int32(ldy))
    }

    /// y = Σ_groups (rowScale · (q · Wᵀ) + rowOffset · Σ W) · colScale + bias [+ y], then `activation`.
    static func gemmInt8(
        m: Int, n: Int, k: Int, q: UnsafePointer<UInt8>, rowScales: UnsafePointer<Float>, rowOffsets: UnsafePointer<Float>,
        packed: PackedInt8, colScales: UnsafePointer<Float>, bias: UnsafePointer<Float>?,
        y: UnsafeMutablePointer<Float>, ldy: Int, accumulate: Bool, activation: Activation = .none,
        panels: Range<Int>? = nil, isa: ISA = Native.best
    ) {
        let cols = channels(panels ?? 0..<panelCount(n), n: n)
        guard !cols.isEmpty else { return }
        let j0 = cols.lowerBound
        pk_s8_gemm(isa.rawValue, Int32(m), Int32(cols.count), Int32(k), q, rowScales, rowOffsets,
                   packed.buffer.pointer + j0 * Int(pk_s8_channel_bytes(Int32(k))), packed.narrow ? 1 : 0,
                   colScales + j0, bias.map { $0 + j0 }, y + j0, Int32(ldy), accumulate ? 1 : 0, activation.rawValue)
    }

    // MARK: attention and element-wise

    /// Floats of scratch ``attention(qkv:ldqkv:length:heads:headSize:hidden:context:ldc:scratch:isa:)`` needs.
    static func attentionScratchCount(length: Int, headSize: Int) -> Int {
        pk_attention_scratch_count(Int32(length), Int32(headSize))
    }

    /// Multi-head self-attention of one sequence: qkv (L × 3C) → context (L × C).
    static func attention(qkv: UnsafePointer<Float>, ldqkv: Int, length: Int, heads: Int, headSize: Int, hidden: Int,
                          context: UnsafeMutablePointer<Float>, ldc: Int, scratch: UnsafeMutablePointer<Float>,
                          isa: ISA = Native.best) {
        pk_attention(isa.rawValue, qkv, Int32(ldqkv), Int32(length), Int32(heads), Int32(headSize), Int32(hidden),
                     context, Int32(ldc), scratch)
    }

    /// Floats of scratch ``attentionInt8(qkv:ldqkv:length:heads:headSize:hidden:context:ldc:scratch:isa:)`` needs.
    static func attentionInt8ScratchCount(length: Int, heads: Int, headSize: Int) -> Int {
        pk_attention_s8_scratch_count(Int32(length), Int32(heads), Int32(headSize))
    }

    /// Multi-head self-attention of one sequence on the int8 kernels (the int8 model's path):
    /// Q as 7-bit codes per row, K and V as int8 within ±64 (per key, per column), the softmax
    /// as 8-bit codes; qkv (L × 3C) → context (L × C).
    static func attentionInt8(qkv: UnsafePointer<Float>, ldqkv: Int, length: Int, heads: Int, headSize: Int, hidden: Int,
                              context: UnsafeMutablePointer<Float>, ldc: Int, scratch: UnsafeMutablePointer<Float>,
                              isa: ISA = Native.best) {
        pk_attention_s8(isa.rawValue, qkv, Int32(ldqkv), Int32(length), Int32(heads), Int32(headSize), Int32(hidden),
                        context, Int32(ldc), scratch)
    }

    /// The largest softmax code of ``attentionInt8(qkv:ldqkv:length:heads:headSize:hidden:context:ldc:scratch:isa:)``
    /// (a row's max probability).
    static var softmaxCodeMax: Int { Int(pk_attention_s8_code_max()) }

    /// K (len × d, row stride ld) as int8 within ±64 with one scale per key, in the int8
    /// kernels' packed layout (as ``packInt8(_:n:k:)`` packs an len × d weight): for tests.
    static func packKeysInt8(_ k: UnsafePointer<Float>, ld: Int, length: Int, headSize: Int,
                             isa: ISA = Native.best) -> (packed: [Int8], scales: [Float]) {
        var packed = [Int8](repeating: 0, count: pk_s8_packed_count(Int32(length), Int32(headSize)))
        var scales = [Float](repeating: 0, count: length)
        var tmp = [Int8](repeating: 0, count: max(1, length * headSize))
        pk_s8_pack_keys(isa.rawValue, k, Int32(ld), Int32(length), Int32(headSize), &packed, &scales, &tmp)
        return (packed, scales)
    }

    /// V (len × d, row stride ld) as int8 within ±64 with one scale per column, packed as the
    /// d × len weight Vᵀ: for tests.
    static func packValuesInt8(_ v: UnsafePointer<Float>, ld: Int, length: Int, headSize: Int,
                               isa: ISA = Native.best) -> (packed: [Int8], scales: [Float]) {
        var packed = [Int8](repeating: 0, count: pk_s8_packed_count(Int32(headSize), Int32(length)))
        var scales = [Float](repeating: 0, count: headSize)
        var tmp = [Int8](repeating: 0, count: max(1, length * headSize))
        pk_s8_pack_values(isa.rawValue, v, Int32(ld), Int32(length), Int32(headSize), &packed, &scales, &tmp)
        return (packed, scales)
    }

    /// GELU in place.
    static func gelu(_ x: UnsafeMutablePointer<Float>, count: Int, isa: ISA = Native.best) {
        pk_gelu(isa.rawValue, x, count)
    }

    /// Softmax of scale · x in place.
    static func softmax(_ x: UnsafeMutablePointer<Float>, count: Int, scale: Float, isa: ISA = Native.best) {
        pk_softmax(isa.rawValue, x, Int32(count), scale)
    }
}

#if canImport(Glibc)
import func Glibc.getenv
#elseif canImport(Darwin)
import func Darwin.getenv
#endif
