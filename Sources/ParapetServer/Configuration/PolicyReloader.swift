import Dispatch
import Foundation
public import Logging

/// Reloads the policies on SIGHUP and when a policy file changes; an invalid new policy is
/// refused (logged, counted) and the old one keeps serving.
public struct PolicyReloader: Sendable {
    /// The policies to reload.
    public let store: PolicyStore
    /// Seconds between file checks (0: no polling, SIGHUP only).
    public let interval: Double
    /// Counts reloads.
    public let metrics: ServerMetrics
    /// Where reload results go.
    public let logger: Logger

    /// Creates a reloader.
    public init(store: PolicyStore, interval: Double, metrics: ServerMetrics, logger: Logger) {
        self.store = store
        self.interval = interval
        self.metrics = metrics
        self.logger = logger
    }

    /// Reloads now. Returns whether the new policies were taken.
    @discardableResult
    public func reload(reason: String) -> Bool {
        do {
            let generation = try store.reload()
            metrics.reload(succeeded: true)
            logger.info("policies reloaded", metadata: ["reason": "\(reason)", "generation": "\(generation)"])
            return true
        } catch {
            metrics.reload(succeeded: false)
            logger.error("policy reload refused; the previous policies keep serving", metadata: ["reason": "\(reason)", "error": "\(error)"])
            return false
        }
    }

    /// Checks the policy files once; reloads when one changed. Returns whether a reload was tried.
    @discardableResult
    public func checkFiles() -> Bool {
        guard store.filesChanged() else { return false }
        reload(reason: "file change")
        return true
    }

    /// Watches SIGHUP and the files until cancelled. `onReady` runs once the signal handler is
    /// installed (before that, SIGHUP would end the process).
    public func run(onReady: @Sendable () -> Void = {}) async {
        signal(SIGHUP, SIG_IGN)
        let source = DispatchSource.makeSignalSource(signal: SIGHUP, queue: .global())
        let (hangups, continuation) = AsyncStream<Void>.makeStream(bufferingPolicy: .bufferingNewest(1))
        source.setEventHandler { continuation.yield() }
        source.resume()
        onReady()
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                for await _ in hangups { reload(reason: "SIGHUP") }
            }
            if interval > 0 {
                group.addTask {
                    while !Task.isCancelled {
                        try? await Task.sleep(for: .milliseconds(Int(min(interval, ServerConfiguration.longestWait) * 1000)))
                        if !Task.isCancelled { checkFiles() }
                    }
                }
            }
            await withTaskCancellationHandler {
                await group.waitForAll()
            } onCancel: {
                continuation.finish()
            }
        }
        source.cancel()
    }
}
