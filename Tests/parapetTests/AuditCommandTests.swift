import Foundation
import Testing

/// `--audit` on check and scan, and the `parapet audit` commands, at the binary level. The
/// "secrets" are obviously fake, built by concatenation.
@Suite(.serialized) struct AuditCommandTests {
    static let email = "jane.doe" + "@example.com"
    static let fakeKey = "AKIA" + "QYLPMN5HFIGWZ7TX"

    func trail(_ kind: String = "sqlite") -> (url: String, path: String) {
        let path = NSTemporaryDirectory() + "parapet-audit-cli-\(UUID().uuidString).\(kind)"
        return ("\(kind):\(path)", path)
    }

    func jsonArray(_ text: String) throws -> [[String: Any]] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]])
    }

    @Test func checkRecordsItsDecisionAndListShowsIt() throws {
        let (url, path) = trail()
        let check = try CLIRunner.run(["check", "--audit", url, "--request-id", "req-42", "mail \(Self.email)"])
        #expect(check.status == 3)
        let list = try CLIRunner.run(["audit", "list", "--audit", url, "--format", "json"])
        #expect(list.status == 0)
        let events = try jsonArray(list.stdout)
        #expect(events.count == 1)
        let event = try #require(events.first?["event"] as? [String: Any])
        #expect(event["request_id"] as? String == "req-42")
        #expect(event["action"] as? String == "rewrite")
        #expect(event["route"] as? String == "cli.check")
        #expect((event["findings"] as? [[String: Any]])?.first?["category"] as? String == "pii.email")
        let id = try #require(event["id"] as? String)
        let show = try CLIRunner.run(["audit", "show", "--audit", url, id])
        #expect(show.status == 0)
        #expect(show.stdout.contains("\"request_id\" : \"req-42\""))
        let table = try CLIRunner.run(["audit", "list", "--audit", url, "--action", "rewrite"])
        #expect(table.stdout.contains(id))
        let none = try CLIRunner.run(["audit", "list", "--audit", url, "--action", "block", "--format", "json"])
        #expect(try jsonArray(none.stdout).isEmpty)
        // The input's personal data is nowhere in the trail's files.
        for suffix in ["", "-wal"] {
            if let bytes = FileManager.default.contents(atPath: path + suffix) {
                #expect(bytes.range(of: Data(Self.email.utf8)) == nil)
            }
        }
    }

    @Test func theListTableShowsControlCharactersAsEscapes() throws {
        let (url, _) = trail()
        let forged = "evil\nFAKE-ROW  block\u{1B}[31mRED\u{1B}[0m"
        #expect(try CLIRunner.run(["check", "--audit", url, "--request-id", forged, "hi"]).status == 0)
        let table = try CLIRunner.run(["audit", "list", "--audit", url])
        #expect(table.stdout.split(separator: "\n").count == 2)  // the header and one row
        #expect(!table.stdout.contains("\u{1B}"))
        #expect(table.stdout.contains(#"evil\nFAKE-ROW  block\u{1B}[31mRED\u{1B}[0m"#))
    }

    @Test func aReportToADeviceIsWrittenInPlaceAndAFullDeviceIsAnError() throws {
        let (url, _) = trail()
        #expect(try CLIRunner.run(["check", "--audit", url, "hi"]).status == 0)
        let report = try CLIRunner.run(["audit", "report", "--audit", url, "--out", "/dev/full"])
        #expect(report.status == 1)
        #expect(report.stderr.contains("write_failed"))
        let type = try FileManager.default.attributesOfItem(atPath: "/dev/full")[.type] as? FileAttributeType
        #expect(type == .typeCharacterSpecial)  // not replaced by a plain file
    }

    @Test func anImpossibleDateIsRefusedNotRolledOver() throws {
        let (url, _) = trail()
        #expect(try CLIRunner.run(["check", "--audit", url, "hi"]).status == 0)
        let purge = try CLIRunner.run(["audit", "purge", "--audit", url, "--before", "2026-02-30"])
        #expect(purge.status != 0)
        #expect(purge.stderr.contains("not a date or time"))
        let list = try CLIRunner.run(["audit", "list", "--audit", url, "--since", "2026-12-01T26:29"])
        #expect(list.status != 0)
    }

    @Test func blockedSecretsAreRecordedWithoutTheSecret() throws {
        let (url, path) = trail("jsonl")
        let check = try CLIRunner.run(["check", "--audit", url, "--audit-text", "full"], stdin: "key " + Self.fakeKey)
        #expect(check.status == 2)
        let contents = try String(contentsOfFile: path, encoding: .utf8)
        #expect(contents.contains("\"action\":\"block\""))
        #expect(!contents.contains(Self.fakeKey))
    }

    @Test func scanStatsExportVerifyReportAndPurge() throws {
        let (url, _) = trail()
        let lines = (0..<30).map { index in
            index % 3 == 0 ? #"{"id": "r\#(index)", "text": "mail a\#(index)@example.com"}"# : #"{"id": "r\#(index)", "text": "hello \#(index)"}"#
        }
        let input = try CLIRunner.temporaryFile(Data((lines.joined(separator: "\n") + "\n").utf8), suffix: ".jsonl")
        let scan = try CLIRunner.run(["scan", input, "--policy", "patterns", "--quiet", "--audit", url])
        #expect(scan.status == 0)
        #expect(scan.stdout.split(separator: "\n").count == 30)

        let stats = try CLIRunner.run(["audit", "stats", "--audit", url, "--format", "json"])
        let counts = try #require(try JSONSerialization.jsonObject(with: Data(stats.stdout.utf8)) as? [String: Any])
        #expect(counts["total"] as? Int == 30)
        #expect((counts["actions"] as? [String: Int]) == ["allow": 20, "rewrite": 10])
        #expect((counts["categories"] as? [String: Int]) == ["pii.email": 10])

        let csv = try CLIRunner.run(["audit", "export", "--audit", url, "--format", "csv", "--category", "pii.*"])
        #expect(csv.stdout.split(separator: "\n").count == 11)
        #expect(csv.stdout.hasPrefix("id,time,chain,seq"))

        let exported = NSTemporaryDirectory() + "parapet-export-\(UUID().uuidString).jsonl"
        let export = try CLIRunner.run(["audit", "export", "--audit", url, "--out", exported])
        #expect(export.status == 0)
        // An unfiltered JSONL export is itself a trail that verifies.
        let verifyExport = try CLIRunner.run(["audit", "verify", "--audit", "jsonl:" + exported])
        #expect(verifyExport.status == 0)
        #expect(verifyExport.stdout.contains("OK: 30 events in 1 chains verify"))

        let report = NSTemporaryDirectory() + "parapet-report-\(UUID().uuidString).html"
        let html = try CLIRunner.run(["audit", "report", "--audit", url, "--out", report])
        #expect(html.status == 0)
        let page = try String(contentsOfFile: report, encoding: .utf8)
        #expect(page.contains("<svg"))
        #expect(page.contains("Chain verification passed"))

        let purge = try CLIRunner.run(["audit", "purge", "--audit", url, "--before", "2999-01-01"])
        #expect(purge.stdout.contains("purged 30 decisions"))
        let after = try CLIRunner.run(["audit", "verify", "--audit", url, "--chains"])
        #expect(after.status == 0)
    }

    @Test func verifyNamesTheFirstBrokenLinkAndExitsFive() throws {
        let (url, path) = trail("jsonl")
        for index in 0..<5 { _ = try CLIRunner.run(["check", "--audit", url, "--request-id", "r\(index)", "hello"]) }
        // Each run is its own chain; forge the action of the third run's event.
        var contents = try String(contentsOfFile: path, encoding: .utf8)
        var lines = contents.split(separator: "\n").map(String.init)
        lines[2] = lines[2].replacingOccurrences(of: "\"action\":\"allow\"", with: "\"action\":\"block\"")
        contents = lines.joined(separator: "\n") + "\n"
        try contents.write(toFile: path, atomically: true, encoding: .utf8)
        let verify = try CLIRunner.run(["audit", "verify", "--audit", url])
        #expect(verify.status == 5)
        #expect(verify.stdout.contains("BROKEN: chain"))
        #expect(verify.stdout.contains("[hash_mismatch]"))
    }

    @Test func readingAMissingTrailIsAnErrorNotACreation() throws {
        let (url, path) = trail()
        let list = try CLIRunner.run(["audit", "list", "--audit", url])
        #expect(list.status == 1)
        #expect(list.stderr.contains("error[not_found]"))
        #expect(!FileManager.default.fileExists(atPath: path))
    }
}
