import ParapetPatterns
import Testing

@Suite("Validators")
struct ValidatorTests {
    @Test(arguments: [
        ("4111 1111 1111 1111", true), ("4111-1111-1111-1111", true), ("378282246310005", true),
        ("30569309025904", true), ("6011111111111117", true), ("3530111333300000", true),
        ("5555555555554444", true), ("2223003122003222", true), ("4111111111111112", false),
        ("0000000000000000", false), ("4111 1111 1111 111a", false), ("41111", false),
        ("4111 1111 1111 1111 1111", false), ("5555 5555 5555 5555", false),
    ])
    func luhn(_ number: String, _ valid: Bool) {
        #expect(Luhn.isValid(number) == valid)
    }

    @Test(arguments: [
        ("4111111111111111", PaymentCard.Brand.visa), ("378282246310005", .amex), ("5555555555554444", .mastercard),
        ("2223003122003222", .mastercard), ("30569309025904", .diners), ("6011111111111117", .discover),
        ("3530111333300000", .jcb), ("6304000000000000", .maestro),
    ])
    func cardBrand(_ number: String, _ brand: PaymentCard.Brand) {
        #expect(PaymentCard.brand(number) == brand)
    }

    @Test func cardNeedsBrandAndLuhn() {
        #expect(PaymentCard.isValid("4111 1111 1111 1111"))
        #expect(!PaymentCard.isValid("9780306406157"))  // an ISBN-13: no brand
        #expect(!PaymentCard.isValid("4000566485287807"))  // Luhn fails (dev-set negative)
    }

    @Test(arguments: [
        ("GB82 WEST 1234 5698 7654 32", true), ("DE89370400440532013000", true), ("FR1420041010050500013M02606", true),
        ("NL91ABNA0417164300", true), ("GB82 WEST 1234 5698 7654 33", false), ("DE8937040044053201300", false),
        ("XX89370400440532013000", false), ("NL91-ABNA-0417-1643-00", false),
    ])
    func iban(_ text: String, _ valid: Bool) {
        #expect(IBAN.isValid(text) == valid)
    }

    @Test(arguments: [
        ("536-22-1234", true), ("536 22 1234", true), ("536221234", true), ("000-12-3456", false),
        ("666-12-3456", false), ("912-12-3456", false), ("536-00-1234", false), ("536-22-0000", false),
        ("078-05-1120", false), ("123-45-6789", false), ("536-22 1234", false), ("111-11-1111", false),
    ])
    func ssn(_ text: String, _ valid: Bool) {
        #expect(USSocialSecurityNumber.isValid(text) == valid)
    }

    @Test(arguments: [
        ("192.168.0.1", true), ("8.8.8.8", true), ("255.255.255.255", true), ("256.1.1.1", false),
        ("1.2.3", false), ("01.2.3.4", false), ("127.0.6944.87", false), ("1.2.3.4.5", false),
        ("0.0.0.0", true), ("1..2.3", false), ("1.2.3.", false), (".1.2.3", false), ("1.2.3.00", false),
        ("1.2.3.260", false), ("", false), ("1.2.3.4a", false),
    ])
    func ipv4(_ text: String, _ valid: Bool) {
        #expect(IPAddress.isValidIPv4(text) == valid)
    }

    @Test(arguments: [
        ("2001:0db8:85a3:0000:0000:8a2e:0370:7334", true), ("2001:db8::8a2e:370:7334", true), ("::1", true),
        ("fe80::3fb2:c3b0:ee04:f093", true), ("2a02:8108::72e0:370d:642a:4e63", true), ("::ffff:192.0.2.128", true),
        ("fe80::1%eth0", true), ("582:9ca7:3ea7:7f54:eec4:671e:3bef:fb0e", true), ("1::2::3", false),
        ("14:53:01", false), ("00:1A:2B:3C:4D:5E", false), ("2001:db8:::1", false), ("12345::1", false),
        ("::", false), ("1:2:3:4:5:6:7:8:9", false), ("g::1", false),
    ])
    func ipv6(_ text: String, _ valid: Bool) {
        #expect(IPAddress.isValidIPv6(text) == valid)
    }

    @Test(arguments: [
        ("1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa", true), ("3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy", true),
        ("1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNb", false), ("3J98t1WpEZ73CNmQviecrnyiWrnqRhWNL0", false),
        ("bc1qw508d6qejxtdg4c3j6ey0x8xucmt8w7ed8xfpq", false),
        ("bc1qw508d6qejxtdg4c3j5kjpy9vsz2wmc0ya8h0n8", false),
    ])
    func bitcoinLegacyAndBrokenSegwit(_ text: String, _ valid: Bool) {
        #expect((Base58Check.isValidBitcoinAddress(text) || Bech32.isValidSegwitAddress(text)) == valid)
    }

    @Test func segwitChecksums() {
        #expect(Bech32.isValidSegwitAddress("bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq"))  // v0, bech32
        #expect(Bech32.isValidSegwitAddress("BC1QAR0SRRR7XFKVY5L643LYDNW9RE59GTZZWF5MDQ"))  // upper case is allowed
        #expect(Bech32.isValidSegwitAddress("bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0"))  // v1, bech32m
        #expect(!Bech32.isValidSegwitAddress("bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj1"))
        #expect(!Bech32.isValidSegwitAddress("bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdr"))
        #expect(!Bech32.isValidSegwitAddress("bc1qAr0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq"))  // mixed case
        #expect(!Bech32.isValidSegwitAddress("ltc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq"))
    }

    @Test func entropy() {
        #expect(Entropy.shannon("aaaaaaaa") == 0)
        #expect(abs(Entropy.shannon("abcd") - 2) < 1e-9)
        #expect(Entropy.shannon("tQzUhyUioc8wnoLVYUXQhcJKPkja2N593GomeOKq") > 4.5)
        #expect(Entropy.shannon("password") < 3)
    }

    @Test func githubChecksum() {
        // Built from a fake 30-character body so the fixture is not a real token.
        let body = "FAKE" + "0123456789abcdefghijklmnop"
        let checksum = CRC32.checksum(Array(body.utf8))
        let suffix = GitHubTokenTestSupport.base62(checksum)
        #expect(GitHubToken.hasValidChecksum("ghp_" + body + suffix))
        #expect(!GitHubToken.hasValidChecksum("ghp_" + body + "000000"))
        #expect(CRC32.checksum(Array("123456789".utf8)) == 0xCBF4_3926)
    }

    @Test func jwtStructure() {
        let header = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9"  // {"alg":"HS256","typ":"JWT"}
        let payload = "eyJzdWIiOiIxMjM0NTY3ODkwIn0"  // {"sub":"1234567890"}
        #expect(JSONWebToken.isValid(header + "." + payload + ".c2lnbmF0dXJl"))
        #expect(JSONWebToken.isValid(header + "." + payload + "."))
        #expect(!JSONWebToken.isValid("eyJub3RhbGciOjF9" + "." + payload + ".sig"))  // {"notalg":1}
        #expect(!JSONWebToken.isValid(header + "." + payload))
    }

    @Test(arguments: [
        "AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "xxxxxxxxxxxxxxxx", "<your-api-key>",
        "${DB_PASSWORD}", "{{ secret }}", "changeme", "aaaaaaaaaaaa", "123456789", "abcabcabcabc", "your_token_here",
        "os.environ['X']", "%API_KEY%",
    ])
    func placeholders(_ value: String) {
        #expect(PlaceholderFilter.isPlaceholder(value))
    }

    @Test(arguments: ["Sequi526%", "tQzUhyUioc8wnoLVYUXQhcJKPkja2N593GomeOKq", "Bring196*"])
    func notPlaceholders(_ value: String) {
        #expect(!PlaceholderFilter.isPlaceholder(value))
    }

    @Test(arguments: [
        ("06/10/1984", true), ("30.07.1951", true), ("1984-10-06", true), ("31 May 1991", true),
        ("December 28, 2003", true), ("Dec 05 2006", true), ("12. März 1970", true), ("31/02/1990", false),
        ("13/13/1990", false), ("Foo 12 1990", false), ("1 May 1850", false),
        ("123456789012345678901234567890/1/1990", false), ("1/1/99999999999999999999999", false),
    ])
    func birthDates(_ text: String, _ valid: Bool) {
        #expect(DateShape.isPlausibleBirthDate(text) == valid)
    }

    @Test(arguments: [
        ("+1-280-534-9253", true), ("(354)831-8792", true), ("22 807 29 13", true), ("07618706741", true),
        ("2022-03-06", false), ("30.07.1951", false), ("139.42.243.228", false), ("850-61-8998", false),
        ("3782 822463 10005", false), ("12345", false), ("4111 1111 1111 1111", false), ("1.2.3.4.5.6.7", false),
        ("123 456 789 012 345 6", false), ("1 2 3 4 5 6 7", true), ("01 23 45 67 89", true), ("1.22.333.4", false),
    ])
    func phoneShapes(_ text: String, _ plausible: Bool) {
        #expect(PhoneShape.isPlausible(text) == plausible)
    }

    @Test func validatorSpecs() {
        #expect(PatternValidator("entropy:3.5")?.argument == 3.5)
        #expect(PatternValidator("luhn")?.name == "luhn")
        #expect(PatternValidator("nope") == nil)
        #expect(PatternValidator("entropy:abc") == nil)
    }
}

/// Base62 encoding of a CRC32, as GitHub writes token checksums (test-side reimplementation).
enum GitHubTokenTestSupport {
    static func base62(_ value: UInt32) -> String {
        let alphabet = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
        var rest = Int(value)
        var chars: [Character] = []
        while rest > 0 {
            chars.append(alphabet[rest % 62])
            rest /= 62
        }
        while chars.count < 6 { chars.append("0") }
        return String(chars.reversed())
    }
}
