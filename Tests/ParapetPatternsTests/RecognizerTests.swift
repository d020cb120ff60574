import Foundation
import ParapetCore
import ParapetPatterns
import Testing

/// Positives and hard negatives per recognizer, from `Fixtures/pii_cases.json` and from fake
/// secrets built in code.
@Suite("Recognizers")
struct RecognizerTests {
    struct Case: Decodable, CustomTestStringConvertible {
        let name: String
        let text: String
        let expect: [[String]]
        var testDescription: String { name }
    }

    static let piiCases: [Case] = {
        guard let url = Bundle.module.url(forResource: "pii_cases", withExtension: "json", subdirectory: "Fixtures"),
            let data = try? Data(contentsOf: url), let cases = try? JSONDecoder().decode([Case].self, from: data)
        else { return [] }
        return cases
    }()

    @Test func fixturesLoad() {
        #expect(Self.piiCases.count >= 30)
    }

    @Test(arguments: RecognizerTests.piiCases)
    func piiCase(_ fixture: Case) throws {
        let expected = fixture.expect.sorted { $0.joined(separator: "\u{1}") < $1.joined(separator: "\u{1}") }
        let found = try Scanners.found(fixture.text)
        #expect(found == expected, "found \(found)")
    }

    // Fake secrets: every value below is made up, assembled from pieces so that no secret
    // scanner mistakes the source file for a leak. None is or was ever a real credential.
    static let fakeAWSKeyID = "AKIA" + "ZZFAKEFAKEFAKE22"
    static let fakeAWSSecret = "fAkE" + "9zQ2xYv8WpL4tKm1NbR7cDs3JhG6uEo0Ai5F"
    static let fakeSlack = "xoxb" + "-000000000000-1111111111111-" + "FaKeToKeNfOrTeStS0nLy123"
    static let fakeStripe = "sk_" + "test_" + "FAKEfake0123456789abcdXYZ"
    static let fakeGoogle = "AIza" + "SyFAKE-fake_0123456789abcdefghijklm"
    static let fakeAnthropic = "sk-ant-" + "api03-" + String(repeating: "FaKe0123", count: 11) + "xyzAA"
    static let fakeOpenAI = "sk-proj-" + "FAKEfake0123456789abcd" + "T3Blbk" + "FJ" + "FAKEfake0123456789abcd"

    /// An AWS secret named in prose (fake: assembled here, never a real key), and a git SHA and
    /// a digit run after the same words, which must not count.
    @Test func awsSecretInProse() throws {
        let secret = "tXk3Vq8mZp2Lr7Wn5Yb9" + "Hc4Fd6Gs1Ja0KeQuExYz"
        let found = try Scanners.found("Here is my key " + Self.fakeAWSKeyID + " and secret " + secret + ", why does S3 deny?")
        #expect(found.contains(["AWS_SECRET_ACCESS_KEY", secret]), "found \(found)")
        #expect(try Scanners.found("commit secret fix 3f2a9c1d8e7b6a5f4e3d2c1b0a9f8e7d6c5b4a39 merged").isEmpty)
        #expect(try Scanners.found("the secret is 0123456789012345678901234567890123456789").isEmpty)
        // An assignment (`api_secret: "…"`) is a generic secret, not a key named in prose.
        for text in ["api_secret: \"\(secret)\"", "api_secret=\(secret)", "secret = '\(secret)'"] {
            #expect(try Scanners.found(text) == [["GENERIC_SECRET", secret]], "\(text)")
        }
    }

    @Test func secretsByType() throws {
        let cases: [(String, [[String]])] = [
            ("AWS_ACCESS_KEY_ID=\(Self.fakeAWSKeyID)\naws_secret_access_key = \(Self.fakeAWSSecret)",
             [["AWS_ACCESS_KEY_ID", Self.fakeAWSKeyID], ["AWS_SECRET_ACCESS_KEY", Self.fakeAWSSecret]]),
            ("SLACK_BOT_TOKEN: '\(Self.fakeSlack)'", [["SLACK_TOKEN", Self.fakeSlack]]),
            ("Stripe.apiKey = \"\(Self.fakeStripe)\";", [["STRIPE_KEY", Self.fakeStripe]]),
            ("maps: \(Self.fakeGoogle)", [["GOOGLE_API_KEY", Self.fakeGoogle]]),
            ("export ANTHROPIC_API_KEY=\(Self.fakeAnthropic)", [["ANTHROPIC_API_KEY", Self.fakeAnthropic]]),
            ("key \(Self.fakeOpenAI) leaked", [["OPENAI_API_KEY", Self.fakeOpenAI]]),
            ("DATABASE_URL=postgres://app:Fake-Pa55word@db.example.com:5432/app", [["PASSWORD_IN_URL", "Fake-Pa55word"]]),
            ("\"password\": \"Fak3!Passw0rd\"", [["GENERIC_SECRET", "Fak3!Passw0rd"]]),
            // JSON cut short after the value's opening quote (tool-call arguments that end early).
            ("{\"password\": \"Fak3!Passw0rd", [["GENERIC_SECRET", "Fak3!Passw0rd"]]),
            ("db_pass = 'Fak3!Passw0rd", [["GENERIC_SECRET", "Fak3!Passw0rd"]]),
            ("client_secret = 'Zm9vYmFy0123FAKEfakeQWERTY98'", [["GENERIC_SECRET", "Zm9vYmFy0123FAKEfakeQWERTY98"]]),
        ]
        for (text, expected) in cases {
            let found = try Scanners.found(text).filter { !$0[0].hasPrefix("URL") }
            #expect(found == expected.sorted { $0.joined() < $1.joined() }, "\(text)")
        }
    }

    @Test(arguments: [
        "aws_access_key_id = AKIAIOSFODNN7EXAMPLE",
        "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
        "password=changeme", "password: ${DB_PASSWORD}", "api_key: <your-api-key>", "token = xxxxxxxxxxxxxxxxxxxx",
        "sha1: 5de375fee78dafee46fb3e99c5af4b464d4f8d3a  md5: 2e52aab8d70434d75742bef8f38d418f",
        "Decode SGVsbG8gd29ybGQsIHRoaXMgaXMgYSB0ZXN0IG1lc3NhZ2U=",
        "-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE\n-----END PUBLIC KEY-----",
        "password = get_password()", "How do I rotate credentials safely?",
        // A quote left open before a line break or a space is not a value that ends with the text.
        "password: \"Fak3!Passw0rd\nsee the vault", "password: \"Fak3!Passw0rd and more",
    ])
    func secretNegatives(_ text: String) throws {
        #expect(try Scanners.found(text).filter { $0[0] != "URL" } == [])
    }

    @Test func githubTokenChecksumLiftsScore() throws {
        let body = "FAKE" + "0123456789abcdefghijklmnop"
        let valid = "ghp_" + body + GitHubTokenTestSupport.base62(CRC32.checksum(Array(body.utf8)))
        let invalid = "ghp_" + body + "000000"
        let good = try Scanners.default.scan(ScanInput(text: "token: " + valid)).findings
        let bad = try Scanners.default.scan(ScanInput(text: "token: " + invalid)).findings
        #expect(good.map(\.category) == [.githubToken])
        #expect(bad.map(\.category) == [.githubToken])
        #expect((good.first?.score ?? 0) > (bad.first?.score ?? 1))
    }

    @Test func privateKeyIsWholeBlock() throws {
        let block = "-----BEGIN " + "RSA PRIVATE KEY-----\nMIIEFAKEFAKEFAKEFAKEFAKEFAKE0123456789abcdef\nFAKEFAKE==\n-----END RSA PRIVATE KEY-----"
        let text = "key:\n" + block + "\nthanks"
        #expect(try Scanners.found(text) == [["PRIVATE_KEY", block]])
    }

    @Test func jwtSpan() throws {
        let token = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9" + "." + "eyJzdWIiOiIxMjM0NTY3ODkwIn0" + "." + "FAKEsignature_0123456789"
        #expect(try Scanners.found("Authorization: Bearer " + token + ".") == [["JWT", token]])
    }
}
