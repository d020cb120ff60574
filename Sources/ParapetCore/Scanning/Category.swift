/// A dotted category name from Parapet's taxonomy, such as `pii.email` or `secret.github_token`.
///
/// The taxonomy has four families (see the README's "Categories" section):
/// - `pii.*`: personal data (`pii.email`, `pii.phone`, `pii.credit_card`, …);
/// - `secret.*`: credentials (`secret.aws_access_key_id`, `secret.generic`, …);
/// - `injection`, `toxicity`, `unsafe`, with finer children (`toxicity.hate`, `unsafe.weapons`);
/// - `banned.*`: ban-list and custom regex hits (`banned.term`, `banned.topic`).
public struct Category: RawRepresentable, Sendable, Hashable, Codable, Comparable,
    ExpressibleByStringLiteral, CustomStringConvertible
{
    /// The dotted name.
    public let rawValue: String

    /// Creates a category from its dotted name.
    public init(rawValue: String) { self.rawValue = rawValue }

    /// Creates a category from a string literal.
    public init(stringLiteral value: String) { self.rawValue = value }

    /// The dotted name.
    public var description: String { rawValue }

    /// The first component: `pii`, `secret`, `injection`, …
    public var family: String {
        // Common case (an ASCII first component followed by a dot and an ASCII byte, so the dot is
        // a Character of its own): the bytes before the first dot, exactly what the split below
        // returns, without building an array of pieces or reading the rest of the name.
        if let length = asciiFamilyLength {
            return String(rawValue[..<rawValue.utf8.index(rawValue.utf8.startIndex, offsetBy: length)])
        }
        return rawValue.split(separator: ".", maxSplits: 1).first.map(String.init) ?? rawValue
    }

    /// Whether both categories have the same ``family``; in the common case (ASCII names) it
    /// compares bytes and builds no string.
    public func isSameFamily(as other: Category) -> Bool {
        guard let length = asciiFamilyLength, let otherLength = other.asciiFamilyLength else { return family == other.family }
        guard length == otherLength else { return false }
        var (name, otherName) = (rawValue, other.rawValue)
        return name.withUTF8 { bytes in
            otherName.withUTF8 { otherBytes in (0..<length).allSatisfy { bytes[$0] == otherBytes[$0] } }
        }
    }

    /// The byte length of ``family`` when the name makes it plain: an ASCII first component
    /// followed by a dot and an ASCII byte (so the dot is a Character of its own), or an ASCII
    /// name without a dot. Exactly what the split in ``family`` returns then; nil otherwise.
    private var asciiFamilyLength: Int? {
        var name = rawValue
        return name.withUTF8 { bytes -> Int? in
            guard let dot = bytes.firstIndex(of: UInt8(ascii: ".")) else {
                return !bytes.isEmpty && bytes.allSatisfy({ $0 < 0x80 }) ? bytes.count : nil
            }
            guard dot > 0, bytes[..<dot].allSatisfy({ $0 < 0x80 }), dot + 1 == bytes.count || bytes[dot + 1] < 0x80
            else { return nil }
            return dot
        }
    }

    /// Whether this category matches a pattern: an exact name, `*`, or a prefix ending in `.*`
    /// (`pii.*` matches `pii.email` but not `pii`).
    public func matches(_ pattern: String) -> Bool {
        if pattern == "*" || pattern == rawValue { return true }
        if let decided = Self.prefixMatch(pattern, rawValue) { return decided }
        return rawValue.hasPrefix(pattern.dropLast(1))
    }

    /// Whether `name` matches the prefix pattern `pattern` (`pii.*`), decided on bytes; false when
    /// `pattern` is not a prefix pattern; nil when bytes cannot decide. When the pattern and the
    /// name's first bytes (one past the prefix, so no combining mark can join the dot) are ASCII,
    /// Characters are those bytes (all of the taxonomy); otherwise `hasPrefix` decides
    /// (Characters, canonical equivalence).
    private static func prefixMatch(_ pattern: String, _ name: String) -> Bool? {
        var pattern = pattern, name = name
        return pattern.withUTF8 { pattern -> Bool? in
            let count = pattern.count
            guard count >= 2, pattern[count - 1] == UInt8(ascii: "*"), pattern[count - 2] == UInt8(ascii: ".") else {
                return false
            }
            guard pattern.allSatisfy({ $0 < 0x80 }) else { return nil }
            let prefix = UnsafeBufferPointer(rebasing: pattern[..<(count - 1)])  // keeps the dot
            return name.withUTF8 { name -> Bool? in
                guard name.prefix(prefix.count + 1).allSatisfy({ $0 < 0x80 }) else { return nil }
                return name.starts(with: prefix)
            }
        }
    }

    /// Orders categories by name.
    public static func < (lhs: Category, rhs: Category) -> Bool { lhs.rawValue < rhs.rawValue }
}

extension Category {
    // PII, named exactly as the scoring format expects.
    public static let email: Category = "pii.email"
    public static let phone: Category = "pii.phone"
    public static let creditCard: Category = "pii.credit_card"
    public static let iban: Category = "pii.iban"
    public static let usSSN: Category = "pii.us_ssn"
    public static let ipAddress: Category = "pii.ip_address"
    public static let url: Category = "pii.url"
    public static let person: Category = "pii.person"
    public static let location: Category = "pii.location"
    public static let dateOfBirth: Category = "pii.date_of_birth"
    public static let usPassport: Category = "pii.us_passport"
    public static let usDriverLicense: Category = "pii.us_driver_license"
    public static let crypto: Category = "pii.crypto"

    // Secrets.
    public static let awsAccessKeyID: Category = "secret.aws_access_key_id"
    public static let awsSecretAccessKey: Category = "secret.aws_secret_access_key"
    public static let githubToken: Category = "secret.github_token"
    public static let gitlabToken: Category = "secret.gitlab_token"
    public static let slackToken: Category = "secret.slack_token"
    public static let stripeKey: Category = "secret.stripe_key"
    public static let googleAPIKey: Category = "secret.google_api_key"
    public static let openAIAPIKey: Category = "secret.openai_api_key"
    public static let anthropicAPIKey: Category = "secret.anthropic_api_key"
    public static let jwt: Category = "secret.jwt"
    public static let privateKey: Category = "secret.private_key"
    public static let passwordInURL: Category = "secret.password_in_url"
    public static let genericSecret: Category = "secret.generic"

    // Classifier tasks.
    public static let injection: Category = "injection"
    public static let toxicity: Category = "toxicity"
    public static let unsafe: Category = "unsafe"

    // Ban lists.
    public static let bannedTerm: Category = "banned.term"
}
