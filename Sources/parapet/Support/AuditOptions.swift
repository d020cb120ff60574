import ArgumentParser
import Foundation
import Parapet
import ParapetAudit

/// How the `parapet audit` commands find the trail: `--audit URL`, else `$PARAPET_AUDIT`.
struct AuditOptions: ParsableArguments {
    @Option(name: .customLong("audit"), help: "The trail: sqlite:PATH, jsonl:PATH or postgres://… (default: $PARAPET_AUDIT).")
    var url: String?

    /// The URL to read.
    func resolvedURL() throws -> String {
        if let url { return url }
        if let fromEnvironment = ProcessInfo.processInfo.environment["PARAPET_AUDIT"], !fromEnvironment.isEmpty {
            return fromEnvironment
        }
        throw ValidationError("name the trail with --audit URL or $PARAPET_AUDIT")
    }

    /// Opens the trail for reading (a missing file is an error, not created).
    func openStore() async throws -> any AuditStore {
        do {
            return try await AuditSinks.openStore(url: try resolvedURL(), create: false)
        } catch let error as AuditError {
            Terminal.error(error.description)
            throw ExitStatus.error
        }
    }
}

/// The filters `list`, `stats`, `export` and `report` share.
struct AuditFilterOptions: ParsableArguments {
    @Option(help: "Only decisions at or after this time (YYYY-MM-DD[THH:MM[:SS]] UTC, or Unix seconds).")
    var since: String?

    @Option(help: "Only decisions before this time.")
    var until: String?

    @Option(help: "Only this action: allow, flag, rewrite or block.")
    var action: String?

    @Option(help: "Only decisions with a finding in this category (pii.email, pii.*).")
    var category: String?

    @Option(help: "Only decisions of this policy (by name).")
    var policy: String?

    @Option(name: .customLong("request"), help: "Only decisions of this request id.")
    var requestID: String?

    /// The filter these options describe.
    func filter() throws -> AuditFilter {
        func time(_ text: String?, _ name: String) throws -> Int64? {
            guard let text else { return nil }
            guard let micros = AuditClock.parse(text) else { throw ValidationError("--\(name): not a date or time: \(text)") }
            return micros
        }
        if let action, !["allow", "flag", "rewrite", "block"].contains(action) {
            throw ValidationError("--action must be allow, flag, rewrite or block")
        }
        return AuditFilter(
            fromMicros: try time(since, "since"), toMicros: try time(until, "until"), action: action, category: category,
            policy: policy, requestID: requestID)
    }
}

/// How `check` and `scan` write their decisions to a trail.
struct AuditWriteOptions: ParsableArguments {
    @Option(name: .customLong("audit"), help: "Record every decision in this trail (sqlite:PATH, jsonl:PATH, postgres://…).")
    var url: String?

    @Option(name: .customLong("audit-text"), help: "What the trail keeps of a rewritten text: hash (default), full or none.")
    var text: String = "hash"

    @Option(name: .customLong("audit-on-failure"), help: "When the trail cannot be written: fail (default) or continue.")
    var onFailure: String = "fail"

    func validate() throws {
        guard TextPrivacy(name: text) != nil else { throw ValidationError("--audit-text must be hash, full or none") }
        guard AuditFailureMode(rawValue: onFailure) != nil else { throw ValidationError("--audit-on-failure must be fail or continue") }
    }

    /// The privacy setting.
    var privacy: TextPrivacy { TextPrivacy(name: text) ?? .hash }

    /// The failure mode.
    var failureMode: AuditFailureMode { AuditFailureMode(rawValue: onFailure) ?? .fail }

    /// Opens a writer, or `nil` when no trail was named.
    ///
    /// A trail that cannot be opened is an error (exit 1), unless `--audit-on-failure continue`
    /// chose answers over the trail: then it is a warning and the command runs without a trail.
    /// A malformed URL (`bad_url`) is an error either way.
    func openWriter() async throws -> AuditWriter? {
        guard let url else { return nil }
        do {
            let writer = try await AuditSinks.open(url: url, failureMode: failureMode)
            if let jsonl = writer.store as? JSONLAuditStore, let repaired = jsonl.repairedTail {
                Terminal.error("warning: \(repaired.description)")
            }
            return writer
        } catch let error as AuditError {
            // A URL that names no trail is a mistake to fix, not a trail that is down.
            guard failureMode == .continue, error.code != "bad_url" else {
                Terminal.error(error.description)
                throw ExitStatus.error
            }
            Terminal.error("warning: \(error.description); going on without an audit trail (--audit-on-failure continue)")
            return nil
        }
    }
}

/// Runs an audit operation, printing an ``AuditError`` as one line and exiting with 1.
func reportingAuditErrors<T>(_ body: () async throws -> T) async throws -> T {
    do {
        return try await body()
    } catch let error as AuditError {
        Terminal.error(error.description)
        throw ExitStatus.error
    }
}
