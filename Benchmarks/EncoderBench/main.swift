// Times ParapetEncoder on synthetic texts of exact token counts and prints one JSON object.
//
//   swift run -c release parapet-encoder-bench <model-dir> [threads] [reps] [fp32|int8|f16|bf16]
//
// A format other than fp32 first writes that variant of the model to a temporary directory
// (Quantizer, as `parapet models quantize` does), then times the variant.
//
// Benchmarks/encoder_bench.py runs this beside ONNX Runtime and PyTorch and prints ratios.
import Foundation
import ParapetEncoder
#if canImport(Glibc)
import Glibc
#endif

let args = CommandLine.arguments
let dir = args.count > 1 ? args[1] : "models-cache/all-MiniLM-L6-v2"
let threads = args.count > 2 ? Int(args[2]) ?? 1 : 1
let reps = args.count > 3 ? Int(args[3]) ?? 20 : 20
let format = args.count > 4 ? Quantizer.Format(rawValue: args[4]) : nil

func text(tokens: Int) -> String {
    Array(repeating: "hello", count: max(0, tokens - 2)).joined(separator: " ")
}

/// VmHWM / VmRSS from /proc/self/status in MB (getrusage's ru_maxrss survives exec, so a
/// process started from a large Python parent would report the parent's peak).
func procStatus(_ key: String) -> Double {
    guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
    for line in text.split(separator: "\n") where line.hasPrefix(key + ":") {
        let kb = line.split(separator: " ").compactMap { Double($0) }.first ?? 0
        return kb / 1024
    }
    return 0
}

func peakRSS() -> Double { procStatus("VmHWM") }

func median(_ xs: [Double]) -> Double {
    let s = xs.sorted()
    return s.isEmpty ? 0 : s[s.count / 2]
}

func seconds(_ d: Duration) -> Double {
    Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
}

do {
    var modelDir = dir
    if let format {
        modelDir = NSTemporaryDirectory() + "parapet-bench-\(format.rawValue)-\(getpid())"
        try Quantizer.write(source: dir, destination: modelDir, format: format)
        // Writing the variant is not part of what is measured: reset the peak (VmHWM).
        try? "5".write(toFile: "/proc/self/clear_refs", atomically: false, encoding: .utf8)
    }
    defer { if format != nil { try? FileManager.default.removeItem(atPath: modelDir) } }
    let encoder = try Encoder(directory: modelDir, threads: threads)
    let clock = ContinuousClock()
    var result: [String: Any] = ["threads": threads, "blas": Encoder.blasCoreName, "kernels": Encoder.kernelName,
                                 "format": format?.rawValue ?? "fp32", "rss_after_load_mb": procStatus("VmRSS"), "peak_rss_after_load_mb": peakRSS()]
    var latency: [String: Double] = [:]
    for n in [16, 64, 128, 256] {
        let t = [text(tokens: n)]
        _ = try encoder.embed(t, pooling: .mean)
        var times: [Double] = []
        for _ in 0..<reps {
            let start = clock.now
            _ = try encoder.embed(t, pooling: .mean)
            times.append(seconds(clock.now - start) * 1000)
        }
        latency[String(n)] = median(times)
    }
    result["latency_ms"] = latency
    let batch = (0..<32).map { i in text(tokens: 16 + (i * 7) % 113) }
    _ = try encoder.embed(batch, pooling: .mean)
    var times: [Double] = []
    for _ in 0..<max(3, reps / 4) {
        let start = clock.now
        _ = try encoder.embed(batch, pooling: .mean)
        times.append(seconds(clock.now - start))
    }
    result["throughput_texts_per_s"] = 32 / median(times)
    result["peak_rss_mb"] = peakRSS()
    let json = try JSONSerialization.data(withJSONObject: result, options: [.sortedKeys])
    print(String(decoding: json, as: UTF8.self))
} catch {
    FileHandle.standardError.write(Data("parapet-encoder-bench: \(error)\n".utf8))
    exit(1)
}
