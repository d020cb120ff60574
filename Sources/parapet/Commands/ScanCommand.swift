import ArgumentParser
import Foundation
import Parapet
import ParapetAudit

/// `parapet scan`: scan JSONL or plain-text files record by record on all cores.
struct ScanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scan",
        abstract: "Scan JSONL or text files and write one JSON result per record.",
        discussion: """
            Each output line has the scoring format: id, action, findings (UTF-8 byte offsets), \
            scores, flags, elapsed_ms. A bad record is reported on stderr with its file and line, \
            and the rest are processed (exit code 4). A summary goes to stderr. A JSONL record \
            without the id field gets its line number as id, and a warning at the end counts them.
            """
    )

    @OptionGroup var policyOptions: PolicyOptions

    @Argument(help: "Input files (.jsonl: one JSON object per line; anything else: one text per line; - for stdin).")
    var files: [String]

    @Option(help: "Input format: auto (.jsonl, .ndjson and .json in any case are JSONL, the rest text), jsonl or text.")
    var format: InputFormat = .auto

    @Option(name: .customLong("text-field"), help: "JSON field holding the text.")
    var textField: String = "text"

    @Option(name: .customLong("id-field"), help: "JSON field holding the id (default: id; a record without it is numbered by its line, with a warning).")
    var idField: String?

    @Option(name: .customLong("context-field"), help: "JSON field holding the system prompt a text was written under (read by the classifier on prompts and the leakage check on answers).")
    var contextField: String = "context"

    @Option(name: .shortAndLong, help: "input or output.")
    var direction: Direction = .input

    @Option(name: .shortAndLong, help: "Worker threads (default: all cores).")
    var threads: Int = ProcessInfo.processInfo.activeProcessorCount

    @Option(name: .shortAndLong, help: "Write results here instead of standard output.")
    var out: String?

    @Flag(name: .customLong("include-text"), help: "Add the rewritten text to records whose action is rewrite.")
    var includeText = false

    @Flag(name: .customLong("no-progress"), help: "Never draw a progress bar.")
    var noProgress = false

    @Flag(help: "Do not print the summary.")
    var quiet = false

    @Option(name: .customLong("max-line-bytes"), help: "Longest accepted line; longer records are reported and skipped.")
    var maxLineBytes: Int = 16 << 20

    @OptionGroup var auditOptions: AuditWriteOptions

    func validate() throws {
        guard threads >= 1 else { throw ValidationError("--threads must be at least 1") }
        guard maxLineBytes >= 1 else { throw ValidationError("--max-line-bytes must be at least 1") }
        if let out, out != "-", let input = files.first(where: { $0 != "-" && OutputSink.isSameFile(out, as: $0) }) {
            throw ValidationError("--out \(out) is the input file \(input): writing it would erase the input")
        }
    }

    func run() async throws {
        let guardrail = try policyOptions.makeGuard()
        let scanner = BatchScanner(guardrail: guardrail, direction: direction, threads: threads)
        let sink = try OutputSink(path: out)
        let audit = try await auditOptions.openWriter()
        var summary = ScanSummary()
        var ids = MissingIDCount()
        let started = ContinuousClock.now
        for file in files {
            do {
                try await scan(file: file, with: scanner, into: sink, audit: audit, summary: &summary, ids: &ids, started: started)
            } catch let error as InputError {
                Terminal.endProgress()
                Terminal.error(error.description)
                summary.badFiles += 1
            }
        }
        try sink.close()
        if let audit { try await reportingAuditErrors { try await audit.close() } }
        Terminal.endProgress()
        summary.wallSeconds = (ContinuousClock.now - started).seconds
        if !quiet { Terminal.error(summary.render(threads: scanner.threads)) }
        // Even with --quiet: ids that may repeat are a problem with the output, not a statistic.
        if let warning = ids.warning(idField: idField ?? "id", explicit: idField != nil) { Terminal.error(warning) }
        if summary.badFiles > 0 && summary.records == 0 { throw ExitStatus.error }
        if summary.badRecords > 0 || summary.badFiles > 0 { throw ExitStatus.badRecords }
    }

    private func scan(
        file: String,
        with scanner: BatchScanner,
        into sink: OutputSink,
        audit: AuditWriter?,
        summary: inout ScanSummary,
        ids: inout MissingIDCount,
        started: ContinuousClock.Instant
    ) async throws {
        try BinarySniffer.check(file)
        let reader = try LineReader(path: file, maxLineBytes: maxLineBytes)
        let parser = RecordParser(
            format: format.resolved(for: file), textField: textField, idField: idField ?? "id", contextField: contextField, file: file)
        let totalBytes = file == "-" ? nil : (try? FileManager.default.attributesOfItem(atPath: file)[.size] as? Int) ?? nil
        var batch: [ScanRecord] = []
        var bytesRead = 0
        let showProgress = !noProgress && (out != nil || !Terminal.stdoutIsTTY)
        func flush() async throws {
            let results = scanner.scan(batch)
            // Each record is written out only once its decision is durable in the trail.
            if let audit { try await self.record(results, in: audit) }
            for result in results {
                summary.add(result)
                let record = ScanResultRecord(
                    id: result.record.id, decision: result.decision,
                    elapsedMilliseconds: result.elapsedMilliseconds, includeText: includeText)
                try sink.write(JSONOutput.encode(record))
            }
            batch.removeAll(keepingCapacity: true)
            if showProgress {
                Terminal.progress(done: summary.records, bytes: bytesRead, total: totalBytes,
                                  elapsedSeconds: (ContinuousClock.now - started).seconds)
            }
        }
        while let line = try reader.next() {
            if case .bytes(_, let bytes) = line { bytesRead += bytes.count + 1 }
            do {
                if let record = try parser.parse(line) {
                    batch.append(record)
                    if parser.format == .jsonl { ids.count(record) }
                }
            } catch let error as InputError {
                Terminal.endProgress()
                Terminal.error(error.description)
                summary.badRecords += 1
            }
            if batch.count >= 1024 { try await flush() }
        }
        try await flush()
    }

    /// Records a batch's decisions concurrently, so the trail commits them in a few group commits.
    private func record(_ results: [BatchScanner.Result], in audit: AuditWriter) async throws {
        let privacy = auditOptions.privacy
        try await reportingAuditErrors {
            try await withThrowingTaskGroup(of: Void.self) { group in
                for result in results {
                    let context = AuditContext(
                        requestID: result.record.id.description,
                        conversationID: "record-\(result.record.line)-\(result.record.id)",
                        route: "cli.scan", direction: direction,
                        latencyMicros: Int64((result.elapsedMilliseconds * 1_000).rounded()))
                    let event = DecisionEvent(decision: result.decision, context: context, privacy: privacy)
                    group.addTask { try await audit.record(event) }
                }
                try await group.waitForAll()
            }
        }
    }
}

/// The JSONL records that had no id field, so that their line numbers stood in as ids (which
/// can repeat the real id of another record).
struct MissingIDCount {
    /// JSONL records read.
    var records = 0
    /// Of those, records without the id field.
    var missing = 0

    /// Counts a JSONL record (the parser says when its line number stood in for the id).
    mutating func count(_ record: ScanRecord) {
        records += 1
        if record.idIsLineNumber { missing += 1 }
    }

    /// The warning for the end of the scan, or nil when every record had its id. An `--id-field`
    /// given explicitly that no record has is most likely mistyped, and said so.
    func warning(idField: String, explicit: Bool) -> String? {
        guard missing > 0 else { return nil }
        if explicit, missing == records {
            return "warning: no record has the field '\(idField)' given by --id-field; "
                + "every record's id is its line number (is the field name right?)"
        }
        return "warning: \(missing) of \(records) record\(records == 1 ? "" : "s") had no '\(idField)' field; "
            + "their line numbers were used as ids, which can repeat the ids of other records"
    }
}

/// How input files are read.
enum InputFormat: String, ExpressibleByArgument, CaseIterable {
    case auto
    case jsonl
    case text

    /// The concrete format for a file.
    func resolved(for file: String) -> RecordParser.Format {
        switch self {
        case .jsonl: .jsonl
        case .text: .text
        case .auto: [".jsonl", ".ndjson", ".json"].contains { file.lowercased().hasSuffix($0) } ? .jsonl : .text
        }
    }
}

extension Duration {
    /// The duration in seconds.
    var seconds: Double { microseconds / 1_000_000 }
}
