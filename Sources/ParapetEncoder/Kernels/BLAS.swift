internal import COpenBLAS
#if canImport(Glibc)
import Glibc
#endif

/// The only door to OpenBLAS: single-precision GEMM, the thread count and the kernel choice.
///
/// Row-major throughout. `transB` means `b` holds B as (n × k) and the product uses Bᵀ, which
/// is how PyTorch stores `Linear` weights (out × in).
enum BLAS {
    /// Which OpenBLAS copy runs the products.
    enum Backend: Sendable {
        /// The library the binary links (its kernel chosen at load, or by the user's
        /// `OPENBLAS_CORETYPE`).
        case linked
        /// A private copy forced to a faster kernel by ``BLASLoader``.
        case privateCopy(BLASLoader.Private)
    }

    /// Chosen once, on first use: the linked copy unless it fell back to a slow kernel that
    /// the CPU can beat and the user has not chosen a core type (see ``BLASLoader``).
    /// `PARAPET_BLAS=linked` turns the workaround off.
    static let backend: Backend = {
        if getenv("OPENBLAS_CORETYPE") != nil { return .linked }
        if let v = getenv("PARAPET_BLAS"), String(cString: v) == "linked" { return .linked }
        guard BLASLoader.fallbackCores.contains(linkedCoreName.lowercased()),
              let want = BLASLoader.preferredCore(),
              let p = BLASLoader.loadPrivate(coreType: want) else { return .linked }
        return .privateCopy(p)
    }()

    /// C(m×n) = alpha · A(m×k) · op(B) + beta · C.
    static func gemm(
        m: Int, n: Int, k: Int, alpha: Float = 1,
        a: UnsafePointer<Float>, lda: Int,
        b: UnsafePointer<Float>, ldb: Int, transB: Bool,
        beta: Float, c: UnsafeMutablePointer<Float>, ldc: Int,
        backend: Backend = BLAS.backend
    ) {
        guard m > 0, n > 0 else { return }
        switch backend {
        case .linked:
            cblas_sgemm(
                CblasRowMajor, CblasNoTrans, transB ? CblasTrans : CblasNoTrans,
                blasint(m), blasint(n), blasint(k), alpha, a, blasint(lda), b, blasint(ldb),
                beta, c, blasint(ldc))
        case .privateCopy(let p):
            p.sgemm(Int32(CblasRowMajor.rawValue), Int32(CblasNoTrans.rawValue),
                    Int32((transB ? CblasTrans : CblasNoTrans).rawValue),
                    Int32(m), Int32(n), Int32(k), alpha, a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
        }
    }

    /// Sets the thread count of the OpenBLAS in use (process-wide).
    static func setThreads(_ n: Int) {
        switch backend {
        case .linked: openblas_set_num_threads(Int32(max(1, n)))
        case .privateCopy(let p): p.setThreads(Int32(max(1, n)))
        }
    }

    /// The kernel family the linked copy chose when it loaded.
    static var linkedCoreName: String {
        guard let name = openblas_get_corename() else { return "unknown" }
        return String(cString: name)
    }

    /// The kernel family in use, with `(private copy)` when the workaround is active.
    static var coreName: String {
        switch backend {
        case .linked: linkedCoreName
        case .privateCopy(let p): p.coreName + " (private copy; linked: " + linkedCoreName + ")"
        }
    }
}
