#if canImport(Glibc)
import Glibc
#endif

/// Works around OpenBLAS builds that pick a slow kernel on CPUs they do not recognise.
///
/// Debian's OpenBLAS 0.3.21 chooses its kernel family once, when it loads, from the CPU id or
/// from `OPENBLAS_CORETYPE`. On CPUs newer than the library (Sapphire/Emerald Rapids) it falls
/// back to the SSE3 "Prescott" kernel, 4–5× slower than its AVX-512 one. When — and only when —
/// the user has not set `OPENBLAS_CORETYPE` and the linked copy reports such a fallback while
/// `/proc/cpuinfo` shows AVX-512 or AVX2+FMA, this loads a private copy of the library into a
/// new link-map namespace (`dlmopen(LM_ID_NEWLM)`) with the matching core type, checks its
/// `sgemm` against ``Reference`` on a random product, and uses it. Any failure keeps the linked
/// copy. The core type is set in the environment only for the instant of that load, under the
/// one-time initialiser of ``BLAS/backend``.
enum BLASLoader {
    typealias Sgemm = @convention(c) (
        Int32, Int32, Int32, Int32, Int32, Int32, Float, UnsafePointer<Float>?, Int32,
        UnsafePointer<Float>?, Int32, Float, UnsafeMutablePointer<Float>?, Int32) -> Void
    typealias SetThreads = @convention(c) (Int32) -> Void
    typealias CoreName = @convention(c) () -> UnsafeMutablePointer<CChar>?
    typealias DLMOpen = @convention(c) (Int, UnsafePointer<CChar>?, Int32) -> UnsafeMutableRawPointer?

    /// A private OpenBLAS: its entry points and the kernel it runs.
    struct Private: @unchecked Sendable {
        // SAFETY: C function pointers into a library that is never unloaded; OpenBLAS's sgemm
        // and thread setter are safe to call from any thread.
        let sgemm: Sgemm
        let setThreads: SetThreads
        let coreName: String
    }

    /// Kernel families that mean "this OpenBLAS did not recognise the CPU".
    static let fallbackCores: Set<String> = ["prescott", "core2", "penryn", "dunnington", "nehalem", "atom", "katmai", "coppermine", "northwood", "banias", "unknown"]

    /// The core type worth forcing on this CPU, from `/proc/cpuinfo` flags.
    static func preferredCore() -> String? {
        guard let f = fopen("/proc/cpuinfo", "r") else { return nil }
        defer { fclose(f) }
        var line = [CChar](repeating: 0, count: 8192)
        while fgets(&line, Int32(line.count), f) != nil {
            let text = String(decoding: line.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            guard text.hasPrefix("flags") else { continue }
            let flags = Set(text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }).map(String.init))
            if ["avx512f", "avx512bw", "avx512vl", "avx512dq"].allSatisfy(flags.contains) { return "SkylakeX" }
            if ["avx2", "fma"].allSatisfy(flags.contains) { return "Haswell" }
            return nil
        }
        return nil
    }

    /// Loads a private copy of `libopenblas.so.0` forced to `coreType`; nil when anything fails.
    static func loadPrivate(coreType: String) -> Private? {
        guard let sym = dlsym(nil, "dlmopen") else { return nil }
        let dlmopenFn = unsafeBitCast(sym, to: DLMOpen.self)
        let previous = getenv("OPENBLAS_CORETYPE").map { String(cString: $0) }
        setenv("OPENBLAS_CORETYPE", coreType, 1)
        let handle = dlmopenFn(-1 /* LM_ID_NEWLM */, "libopenblas.so.0", RTLD_NOW | RTLD_LOCAL)
        if let previous { setenv("OPENBLAS_CORETYPE", previous, 1) } else { unsetenv("OPENBLAS_CORETYPE") }
        guard let handle,
              let g = dlsym(handle, "cblas_sgemm"), let t = dlsym(handle, "openblas_set_num_threads"),
              let c = dlsym(handle, "openblas_get_corename") else { return nil }
        let name = unsafeBitCast(c, to: CoreName.self)().map { String(cString: $0) } ?? "unknown"
        guard name.lowercased() == coreType.lowercased() else { return nil }
        let p = Private(sgemm: unsafeBitCast(g, to: Sgemm.self), setThreads: unsafeBitCast(t, to: SetThreads.self), coreName: name)
        return selfCheck(p) ? p : nil
    }

    /// One random product against the naive reference.
    static func selfCheck(_ p: Private) -> Bool {
        let m = 37, n = 29, k = 83
        var seed: UInt32 = 12345
        func next() -> Float {
            seed = seed &* 1_664_525 &+ 1_013_904_223
            return Float(seed >> 8) / Float(1 << 24) - 0.5
        }
        let a = (0..<(m * k)).map { _ in next() }, b = (0..<(n * k)).map { _ in next() }
        var c1 = [Float](repeating: 0, count: m * n), c2 = c1
        a.withUnsafeBufferPointer { ap in
            b.withUnsafeBufferPointer { bp in
                c1.withUnsafeMutableBufferPointer { cp in
                    // 101 = CblasRowMajor, 111 = CblasNoTrans, 112 = CblasTrans
                    p.sgemm(101, 111, 112, Int32(m), Int32(n), Int32(k), 1, ap.baseAddress, Int32(k),
                            bp.baseAddress, Int32(k), 0, cp.baseAddress, Int32(n))
                }
                c2.withUnsafeMutableBufferPointer { cp in
                    guard let a0 = ap.baseAddress, let b0 = bp.baseAddress, let c0 = cp.baseAddress else { return }
                    Reference.gemm(m: m, n: n, k: k, a: a0, lda: k, b: b0, ldb: k, transB: true, beta: 0, c: c0, ldc: n)
                }
            }
        }
        return zip(c1, c2).allSatisfy { abs($0 - $1) < 1e-4 }
    }
}
