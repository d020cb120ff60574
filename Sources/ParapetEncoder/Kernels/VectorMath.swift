#if canImport(Glibc)
import func Glibc.erff
import func Glibc.expf
#elseif canImport(Darwin)
import func Darwin.erff
import func Darwin.expf
#endif

/// Element-wise kernels on SIMD8 lanes: layer norm, GELU, softmax, bias and residual adds.
enum VectorMath {
    typealias V = SIMD8<Float>

    /// exp on 8 lanes: 2^n · p(r), |r| ≤ ln2/2, degree-6 polynomial (≈1 ulp over [-87, 88]).
    @inline(__always) @_optimize(speed)
    static func exp(_ x: V) -> V {
        let clamped = x.clamped(lowerBound: V(repeating: -87.3), upperBound: V(repeating: 88.7))
        // Round to an integer without a lane-by-lane Float→Int conversion (slow generic code in
        // Swift): adding 1.5·2²³ leaves round(x·log2e) in the low mantissa bits.
        let magic: Float = 12_582_912
        let t = clamped * 1.442_695_04 + magic
        let n = t - magic
        let r = clamped - n * 0.693_145_75 - n * 1.428_606_8e-6
        var p = V(repeating: 1.987_569_2e-4)
        p = p * r + 1.398_199_9e-3
        p = p * r + 8.333_452e-3
        p = p * r + 4.166_579_6e-2
        p = p * r + 0.166_666_66
        p = p * r + 0.5
        p = p * r * r + r + 1
        let ni = unsafeBitCast(t, to: SIMD8<Int32>.self) &- 0x4B40_0000
        let bits = (ni &+ 127) &<< 23
        return p * unsafeBitCast(bits, to: V.self)
    }

    /// erf on 8 lanes (Abramowitz–Stegun 7.1.26, |error| < 1.5e-7).
    @inline(__always) @_optimize(speed)
    static func erf(_ x: V) -> V {
        let a = x.replacing(with: -x, where: x .< 0)
        let p: Float = 0.327_591_1
        let a1: Float = 0.254_829_592, a2: Float = -0.284_496_736, a3: Float = 1.421_413_741
        let a4: Float = -1.453_152_027, a5: Float = 1.061_405_429
        let t = 1 / (1 + p * a)
        var y = V(repeating: a5)
        y = y * t + a4
        y = y * t + a3
        y = y * t + a2
        y = y * t + a1
        let r = 1 - y * t * exp(-a * a)
        return r.replacing(with: -r, where: x .< 0)
    }

    /// GELU (erf form) in place: SIMD in optimised builds; libm's scalar `erff` in debug
    /// builds, where generic SIMD code is not specialised and runs ~100× slower.
    static func gelu(_ x: UnsafeMutablePointer<Float>, count: Int) {
        #if DEBUG
        geluScalar(x, count: count)
        #else
        geluSIMD(x, count: count)
        #endif
    }

    /// Softmax of `count` floats in place (SIMD, or scalar `expf` in debug builds).
    static func softmax(_ x: UnsafeMutablePointer<Float>, count: Int) {
        #if DEBUG
        softmaxScalar(x, count: count)
        #else
        softmaxSIMD(x, count: count)
        #endif
    }

    /// Scalar GELU with libm's erf.
    static func geluScalar(_ x: UnsafeMutablePointer<Float>, count: Int) {
        for i in 0..<count { x[i] = 0.5 * x[i] * (1 + erff(x[i] * 0.707_106_77)) }
    }

    /// Scalar softmax with libm's exp.
    static func softmaxScalar(_ x: UnsafeMutablePointer<Float>, count: Int) {
        guard count > 0 else { return }
        var m = -Float.infinity
        for i in 0..<count { m = max(m, x[i]) }
        var sum: Float = 0
        for i in 0..<count { x[i] = expf(x[i] - m); sum += x[i] }
        let inv = 1 / sum
        for i in 0..<count { x[i] *= inv }
    }

    /// GELU (erf form) in place on SIMD8 lanes.
    @_optimize(speed) static func geluSIMD(_ x: UnsafeMutablePointer<Float>, count: Int) {
        var i = 0
        let raw = UnsafeMutableRawPointer(x)
        while i + 8 <= count {
            let v = raw.loadUnaligned(fromByteOffset: i * 4, as: V.self)
            raw.storeBytes(of: 0.5 * v * (1 + erf(v * 0.707_106_77)), toByteOffset: i * 4, as: V.self)
            i += 8
        }
        while i < count {
            var v = V(repeating: 0)
            v[0] = x[i]
            x[i] = (0.5 * v * (1 + erf(v * 0.707_106_77)))[0]
            i += 1
        }
    }

    /// Softmax of `count` floats in place on SIMD8 lanes.
    @_optimize(speed) static func softmaxSIMD(_ x: UnsafeMutablePointer<Float>, count: Int) {
        guard count > 0 else { return }
        var m = -Float.infinity
        for i in 0..<count { m = max(m, x[i]) }
        let raw = UnsafeMutableRawPointer(x)
        var sum = V(repeating: 0)
        var tail: Float = 0
        var i = 0
        while i + 8 <= count {
            let e = exp(raw.loadUnaligned(fromByteOffset: i * 4, as: V.self) - m)
            raw.storeBytes(of: e, toByteOffset: i * 4, as: V.self)
            sum += e
            i += 8
        }
        while i < count {
            var v = V(repeating: -200)
            v[0] = x[i] - m
            x[i] = exp(v)[0]
            tail += x[i]
            i += 1
        }
        let inv = 1 / (sum.sum() + tail)
        for j in 0..<count { x[j] *= inv }
    }

    /// Layer norm of `rows` rows of `cols` floats in place (mean and variance in two passes).
    @_optimize(speed) static func layerNorm(_ x: UnsafeMutablePointer<Float>, rows: Int, cols: Int,
                          gamma: UnsafePointer<Float>, beta: UnsafePointer<Float>, eps: Float) {
        // cols % 8 == 0 is guaranteed by EncoderConfig.validate.
        let g = UnsafeRawPointer(gamma), b = UnsafeRawPointer(beta)
        for r in 0..<rows {
            let row = UnsafeMutableRawPointer(x + r * cols)
            var s = V(repeating: 0)
            for j in stride(from: 0, to: cols, by: 8) { s += row.loadUnaligned(fromByteOffset: j * 4, as: V.self) }
            let mean = s.sum() / Float(cols)
            var q = V(repeating: 0)
            for j in stride(from: 0, to: cols, by: 8) {
                let d = row.loadUnaligned(fromByteOffset: j * 4, as: V.self) - mean
                q += d * d
            }
            let inv = 1 / (q.sum() / Float(cols) + eps).squareRoot()
            for j in stride(from: 0, to: cols, by: 8) {
                let d = (row.loadUnaligned(fromByteOffset: j * 4, as: V.self) - mean) * inv
                let y = d * g.loadUnaligned(fromByteOffset: j * 4, as: V.self) + b.loadUnaligned(fromByteOffset: j * 4, as: V.self)
                row.storeBytes(of: y, toByteOffset: j * 4, as: V.self)
            }
        }
    }

    /// dst += src over `count` floats.
    @_optimize(speed) static func add(_ dst: UnsafeMutablePointer<Float>, _ src: UnsafePointer<Float>, count: Int) {
        var i = 0
        let d = UnsafeMutableRawPointer(dst), s = UnsafeRawPointer(src)
        while i + 8 <= count {
            let v = d.loadUnaligned(fromByteOffset: i * 4, as: V.self) + s.loadUnaligned(fromByteOffset: i * 4, as: V.self)
            d.storeBytes(of: v, toByteOffset: i * 4, as: V.self)
            i += 8
        }
        while i < count { dst[i] += src[i]; i += 1 }
    }
}
