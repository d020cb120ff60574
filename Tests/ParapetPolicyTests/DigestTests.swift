import Foundation
import ParapetPolicy
import Testing

@Suite("Digest")
struct DigestTests {
    let yaml = """
        version: 1
        name: d
        scanners:
          - id: fake
            type: fake
            params: { findings: [{ text: "x", category: pii.email, score: 0.9 }] }
        rules:
          - id: r
            when: { category: pii.email, min_score: 0.5 }
            then: { action: flag }
        """

    @Test func samePolicySameDigest() throws {
        let a = try Support.policy(yaml)
        let b = try Support.policy(yaml)
        #expect(a.digest == b.digest)
        #expect(a.digest.count == 64 && a.digest.allSatisfy(\.isHexDigit))
    }

    @Test func formattingCommentsAndKeyOrderDoNotChangeTheDigest() throws {
        let reformatted = """
            # a comment
            name: d
            version: 1
            rules:
              - then: { action: flag }
                when:
                  min_score: 0.50
                  category: [pii.email]
                id: r
            scanners:
              - params:
                  findings:
                    - category: pii.email
                      score: 0.9
                      text: "x"
                type: fake
                id: fake
            """
        #expect(try Support.policy(yaml).digest == Support.policy(reformatted).digest)
    }

    @Test(arguments: [
        ("min_score: 0.5", "min_score: 0.6"), ("action: flag", "action: block"), ("name: d", "name: e"),
        ("score: 0.9", "score: 0.8"), ("version: 1\n", "version: 1\nmode: monitor\n"),
    ])
    func anyChangeChangesTheDigest(from: String, to: String) throws {
        let changed = yaml.replacingOccurrences(of: from, with: to)
        #expect(changed != yaml)
        #expect(try Support.policy(yaml).digest != Support.policy(changed).digest)
    }

    @Test func explicitDefaultsMeanTheSamePolicy() throws {
        let explicit = yaml.replacingOccurrences(
            of: "name: d\n", with: "name: d\nmode: enforce\nnormalize: true\noverlap: highest_score\non_scanner_error: block\n")
        #expect(try Support.policy(yaml).digest == Support.policy(explicit).digest)
    }

    @Test func aChangeInTheParentChangesTheChildsDigest() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("parapet-digest-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let child = "version: 1\nname: child\nextends: parent\n"
        try child.write(toFile: directory + "/child.yaml", atomically: true, encoding: .utf8)
        try yaml.write(toFile: directory + "/parent.yaml", atomically: true, encoding: .utf8)
        let loader = Support.loader()
        let before = try loader.load(file: directory + "/child.yaml").digest
        #expect(try loader.load(file: directory + "/child.yaml").digest == before)
        try yaml.replacingOccurrences(of: "action: flag", with: "action: block")
            .write(toFile: directory + "/parent.yaml", atomically: true, encoding: .utf8)
        #expect(try loader.load(file: directory + "/child.yaml").digest != before)
    }
}
