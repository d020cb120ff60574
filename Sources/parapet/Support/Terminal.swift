import Foundation

/// Writing to the terminal: stderr messages, colour when attached to a TTY, a progress bar.
enum Terminal {
    /// Whether standard output is a terminal.
    static var stdoutIsTTY: Bool { isatty(STDOUT_FILENO) != 0 }
    /// Whether standard error is a terminal.
    static var stderrIsTTY: Bool { isatty(STDERR_FILENO) != 0 }

    /// Writes a line to standard error.
    static func error(_ message: String) {
        writeStandardError(message + "\n")
    }

    /// Writes to standard error with `write(2)`, ignoring a failure: there is nowhere left to report
    /// it. (`FileHandle.write(_:)` traps on EPIPE or ENOSPC: a closed stderr pipe crashed the
    /// process with SIGILL once SIGPIPE was ignored, QA 2026-12-02.)
    static func writeStandardError(_ text: String) {
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let written = bytes.withUnsafeBytes { write(STDERR_FILENO, $0.baseAddress, $0.count) }
            if written < 0 && errno == EINTR { continue }
            guard written > 0 else { return }
            bytes = bytes.dropFirst(written)
        }
    }

    /// Flushes what `print` buffered on standard output; a failed write (a full disk, a closed
    /// pipe) is an error, not a silent success.
    static func flushStandardOutput() throws {
        // (`fflush(nil)` flushes every output stream; Swift 6 does not let this code name `stdout`.)
        if fflush(nil) != 0 {
            throw OutputSink.WriteFailure(output: "<stdout>", reason: String(cString: strerror(errno)))
        }
    }

    /// Wraps text in an ANSI colour when standard output is a terminal.
    static func colored(_ text: String, _ code: Int) -> String {
        stdoutIsTTY && ProcessInfo.processInfo.environment["NO_COLOR"] == nil ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }

    /// Draws a one-line progress bar on standard error (only on a terminal).
    static func progress(done: Int, bytes: Int, total: Int?, elapsedSeconds: Double) {
        guard stderrIsTTY else { return }
        let rate = elapsedSeconds > 0 ? Double(done) / elapsedSeconds : 0
        var line: String
        if let total, total > 0 {
            let fraction = min(1, Double(bytes) / Double(total))
            let width = 30
            let filled = Int(fraction * Double(width))
            line = "[" + String(repeating: "#", count: filled) + String(repeating: " ", count: width - filled) + "]"
            line += String(format: " %3.0f%%", fraction * 100)
        } else {
            line = "[scanning]"
        }
        line += String(format: " %d records  %.0f rec/s", done, rate)
        writeStandardError("\r" + line + "\u{1B}[K")
    }

    /// Ends a progress bar line.
    static func endProgress() {
        guard stderrIsTTY else { return }
        writeStandardError("\r\u{1B}[K")
    }
}
