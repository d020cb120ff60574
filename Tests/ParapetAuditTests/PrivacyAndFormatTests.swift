import Foundation
import ParapetAudit
import ParapetCore
import Testing

@Suite(.serialized) struct PrivacyAndFormatTests {
    /// Every byte a store left on disk (the file and any SQLite side files).
    func bytesOnDisk(_ path: String) -> Data {
        var data = Data()
        for suffix in ["", "-wal", "-shm", "-journal"] {
            if let part = FileManager.default.contents(atPath: path + suffix) { data += part }
        }
        return data
    }

    @Test(arguments: ["sqlite", "jsonl"], [TextPrivacy.hash, .full, .none])
    func secretsAndPersonalDataNeverReachTheStore(kind: String, privacy: TextPrivacy) async throws {
        let path = Fixtures.temporaryPath("." + kind)
        let writer = try await AuditSinks.open(url: "\(kind):\(path)")
        let context = AuditContext(requestID: "r", direction: .input)
        try await writer.record(DecisionEvent(decision: Fixtures.rewriteDecision(), context: context, privacy: privacy))
        try await writer.record(DecisionEvent(decision: Fixtures.allowDecision(), context: context, privacy: privacy))
        try await writer.close()
        let data = bytesOnDisk(path)
        #expect(!data.isEmpty)
        #expect(data.range(of: Data(Fixtures.email.utf8)) == nil)
        #expect(data.range(of: Data(Fixtures.fakeKey.utf8)) == nil)
        #expect(data.range(of: Data("jane.doe".utf8)) == nil)
    }

    @Test func aTornLastLineIsReportedWithItsLineNumberAndCutBeforeAppending() async throws {
        let path = Fixtures.temporaryPath(".jsonl")
        let writer = try await AuditSinks.open(url: "jsonl:" + path)
        for index in 0..<3 { try await writer.record(Fixtures.event(index)) }
        try await writer.close()
        let handle = try #require(FileHandle(forWritingAtPath: path))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(#"{"chain":"x","seq":4,"pre"#.utf8))
        try handle.close()
        let store = try await AuditSinks.openStore(url: "jsonl:" + path, create: false)
        let report = try await ChainVerifier().verify(store)
        #expect(report.ok)
        #expect(report.events == 3)
        #expect(report.warnings.map(\.code) == ["torn_line"])
        #expect(report.warnings.first?.location == "\(path):4")
        // A new writer cuts the torn line off (it was never acknowledged) and says so.
        let reopened = try JSONLAuditStore(path: path)
        #expect(reopened.repairedTail?.location == "\(path):4")
        let next = AuditWriter(store: reopened)
        try await next.record(Fixtures.event(9))
        try await next.close()
        let after = try await ChainVerifier().verify(try await AuditSinks.openStore(url: "jsonl:" + path, create: false))
        #expect(after.ok)
        #expect(after.warnings.isEmpty)
        #expect(after.events == 4)
    }

    @Test func aGarbledLineInTheMiddleIsReportedToo() async throws {
        let path = Fixtures.temporaryPath(".jsonl")
        let writer = try await AuditSinks.open(url: "jsonl:" + path)
        for index in 0..<3 { try await writer.record(Fixtures.event(index)) }
        try await writer.close()
        var lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map(String.init)
        lines[1] = "not json"
        try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        let store = try await AuditSinks.openStore(url: "jsonl:" + path, create: false)
        do {
            _ = try await ChainVerifier().verify(store)
            Issue.record("expected an error")
        } catch let error as AuditError {
            #expect(error.code == "bad_line")
            #expect(error.location == "\(path):2")
        }
    }

    @Test func aSQLiteColumnEditedBesideTheBodyIsCaught() async throws {
        let path = Fixtures.temporaryPath(".sqlite")
        let writer = try await AuditSinks.open(url: "sqlite:" + path)
        for index in 0..<5 { try await writer.record(Fixtures.event(index)) }
        try await writer.close()
        // Edit the database the way someone with file access would, with the sqlite3 C API via GRDB.
        try SQLiteEditor.execute(path: path, sql: "UPDATE audit_events SET action = 'allow' WHERE seq = 4")
        let store = try await AuditSinks.openStore(url: "sqlite:" + path, create: false)
        let problem = try #require(try await ChainVerifier().verify(store).problem)
        #expect(problem.kind == .columnMismatch)
        #expect(problem.seq == 4)
        try SQLiteEditor.execute(path: path, sql: "DELETE FROM audit_events WHERE seq = 2")
        let second = try #require(try await ChainVerifier().verify(store).problem)
        #expect(second.kind == .missingSequence)
        #expect(second.seq == 3)
    }

    @Test func aFieldAddedToAStoredSQLiteBodyIsCaught() async throws {
        let path = Fixtures.temporaryPath(".sqlite")
        let writer = try await AuditSinks.open(url: "sqlite:" + path)
        for index in 0..<4 { try await writer.record(Fixtures.event(index)) }
        try await writer.close()
        // The decoded event (and so its hash) does not change, but `show` and `export` print the
        // stored bytes, which now say something else.
        try SQLiteEditor.execute(path: path, sql: #"UPDATE audit_events SET body = substr(body, 1, length(body) - 1) || ',"note":"injected"}' WHERE seq = 3"#)
        let store = try await AuditSinks.openStore(url: "sqlite:" + path, create: false)
        let problem = try #require(try await ChainVerifier().verify(store).problem)
        #expect(problem.kind == .notCanonical)
        #expect(problem.seq == 3)
    }

    @Test(arguments: [
        #"{"chain":"#: #"{"note":"x","chain":"#,  // an extra outer field
        #""event":{"#: #""event":{"reviewed_by":"mallory","#,  // an extra field inside the event
    ])
    func aFieldAddedToAJSONLLineIsCaught(find: String, replace: String) async throws {
        let path = Fixtures.temporaryPath(".jsonl")
        let writer = try await AuditSinks.open(url: "jsonl:" + path)
        for index in 0..<3 { try await writer.record(Fixtures.event(index)) }
        try await writer.close()
        var lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map(String.init)
        lines[1] = lines[1].replacingOccurrences(of: find, with: replace)
        try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        let store = try await AuditSinks.openStore(url: "jsonl:" + path, create: false)
        let problem = try #require(try await ChainVerifier().verify(store).problem)
        #expect(problem.kind == .notCanonical)
        #expect(problem.seq == 2)
    }

    @Test func aSQLiteFileThatIsNoTrailIsRefusedAndLeftAlone() async throws {
        let empty = Fixtures.temporaryPath(".sqlite")
        #expect(FileManager.default.createFile(atPath: empty, contents: nil))
        let other = Fixtures.temporaryPath(".sqlite")
        try SQLiteEditor.execute(path: other, sql: "CREATE TABLE foo(x)")
        let otherSize = try FileManager.default.attributesOfItem(atPath: other)[.size] as? Int
        for path in [empty, other] {
            do {
                _ = try await AuditSinks.openStore(url: "sqlite:" + path, create: false)
                Issue.record("expected not_a_trail for \(path)")
            } catch let error as AuditError {
                #expect(error.code == "not_a_trail")
            }
        }
        #expect(try FileManager.default.attributesOfItem(atPath: empty)[.size] as? Int == 0)
        #expect(try FileManager.default.attributesOfItem(atPath: other)[.size] as? Int == otherSize)
    }

    @Test func missingFilesAreNotCreatedForReading() async throws {
        let path = Fixtures.temporaryPath(".sqlite")
        await #expect(throws: AuditError.self) { try await AuditSinks.openStore(url: "sqlite:" + path, create: false) }
        #expect(!FileManager.default.fileExists(atPath: path))
        await #expect(throws: AuditError.self) { try await AuditSinks.openStore(url: "ftp://x") }
    }

    @Test func theHTMLReportIsSelfContainedAndEscaped() {
        var stats = AuditStats(bucketSeconds: 3_600)
        for index in 0..<50 { stats.add(Fixtures.event(index)) }
        var hostile = Fixtures.event(99)
        hostile.policy = "<script>alert(1)</script>"
        hostile.findings = [AuditFinding(category: "x\"><img src=x>", scanner: "s", rule: "r", score: 1, start: 0, end: 1)]
        stats.add(hostile)
        let html = AuditHTMLReport(stats: stats, source: "sqlite:/tmp/a'b.sqlite").render()
        #expect(html.contains("<svg"))
        #expect(!html.contains("<script"))
        #expect(!html.contains("<img"))
        #expect(html.contains("&lt;script&gt;"))
        // No external assets: the only URL is the SVG namespace.
        let urls = html.components(separatedBy: "http").count - 1
        let namespaces = html.components(separatedBy: "http://www.w3.org/2000/svg").count - 1
        #expect(urls == namespaces)
        #expect(!html.contains("<link"))
    }

    @Test func csvQuotesAndDefusesFormulas() {
        #expect(AuditCSV.line(["a", "b,c", "say \"hi\"", "=1+1"]) == #"a,"b,c","say ""hi""",'=1+1"#)
    }

    @Test func statsCountByActionCategoryAndBucket() {
        var stats = AuditStats(bucketSeconds: 10)
        for index in 0..<40 { stats.add(Fixtures.event(index)) }
        #expect(stats.total == 40)
        #expect(stats.actions == ["allow": 10, "flag": 10, "rewrite": 10, "block": 10])
        #expect(stats.buckets.count == 4)
        #expect(stats.buckets.allSatisfy { $0.actions.values.reduce(0, +) == 10 })
        #expect(stats.categories.values.reduce(0, +) == 32)
    }
}
