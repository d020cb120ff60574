import Foundation

/// What a validator says about a matched span.
public enum ValidationVerdict: Sendable, Hashable {
    /// A checksum or structure check passed: the match may be lifted to the pattern's `valid_score`.
    case valid
    /// The check failed: the match is dropped (or lowered to the pattern's `invalid_score`).
    case invalid
    /// The validator has no opinion.
    case neutral
}

/// A named check run on a matched span, as written in a catalog (`luhn`, `entropy:3.5`, …).
public struct PatternValidator: Sendable, Hashable, CustomStringConvertible {
    /// The validator's name (one of ``PatternValidator/knownNames``).
    public let name: String
    /// An optional numeric argument (`entropy:3.5` → 3.5).
    public let argument: Double?
    /// `name` resolved once, so ``validate(_:)`` switches on an enum instead of comparing strings.
    private let kind: Kind

    private enum Kind: String, Sendable, Hashable {
        case luhn, card, iban, usSSN = "us_ssn", ipv4, ipv6, ip, bitcoin, entropy, githubToken = "github_token", jwt
        case notPlaceholder = "not_placeholder", password, phone, date, firstName = "first_name"
        case minDigits = "min_digits", minLength = "min_length", hasDigit = "has_digit", hasUpper = "has_upper"
        case randomToken = "random_token"
    }

    /// Parses `name` or `name:argument`; nil for an unknown name or a bad argument.
    public init?(_ spec: String) {
        let parts = spec.split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
        guard let first = parts.first, Self.knownNames.contains(first), let kind = Kind(rawValue: first) else { return nil }
        name = first
        self.kind = kind
        if parts.count == 2 {
            guard let value = Double(parts[1]) else { return nil }
            argument = value
        } else {
            argument = nil
        }
    }

    /// Whether an `invalid` verdict drops the match even where the pattern sets an
    /// `invalid_score`: a placeholder (`ghp_xxxx…`) is never a secret, whereas a token whose
    /// checksum fails may still be one.
    public var invalidDrops: Bool { kind == .notPlaceholder }

    /// `name` or `name:argument`.
    public var description: String { argument.map { "\(name):\($0)" } ?? name }

    /// The validators a catalog may name.
    public static let knownNames: Set<String> = [
        "luhn", "card", "iban", "us_ssn", "ipv4", "ipv6", "ip", "bitcoin", "entropy", "github_token", "jwt",
        "not_placeholder", "password", "phone", "date", "first_name", "min_digits", "min_length", "has_digit", "has_upper",
        "random_token",
    ]

    /// Runs the check on the matched text.
    public func validate(_ text: Substring) -> ValidationVerdict {
        switch kind {
        case .luhn: return Luhn.isValid(text) ? .valid : .invalid
        case .card: return PaymentCard.isValid(text) ? .valid : .invalid
        case .iban: return IBAN.isValid(text) ? .valid : .invalid
        case .usSSN: return USSocialSecurityNumber.isValid(text) ? .valid : .invalid
        case .ipv4: return IPAddress.isValidIPv4(text) ? .valid : .invalid
        case .ipv6: return IPAddress.isValidIPv6(text) ? .valid : .invalid
        case .ip: return IPAddress.isValidIPv4(text) || IPAddress.isValidIPv6(text) ? .valid : .invalid
        case .bitcoin:
            return Base58Check.isValidBitcoinAddress(text) || Bech32.isValidSegwitAddress(text) ? .valid : .invalid
        case .entropy: return Entropy.shannon(text) >= (argument ?? 3.0) ? .neutral : .invalid
        case .githubToken: return GitHubToken.hasValidChecksum(text) ? .valid : .invalid
        case .jwt: return JSONWebToken.isValid(text) ? .valid : .invalid
        case .notPlaceholder: return PlaceholderFilter.isPlaceholder(text) ? .invalid : .neutral
        case .password: return PasswordShape.isPlausible(text) ? .neutral : .invalid
        case .phone: return PhoneShape.isPlausible(text) ? .neutral : .invalid
        case .date: return DateShape.isPlausibleBirthDate(text) ? .valid : .invalid
        case .firstName: return FirstNames.startsWithFirstName(text) ? .valid : .invalid
        case .minDigits: return text.utf8.filter(\.isDigit).count >= Int(argument ?? 7) ? .neutral : .invalid
        case .minLength: return text.utf8.count >= Int(argument ?? 8) ? .neutral : .invalid
        case .hasDigit: return text.utf8.contains(where: \.isDigit) ? .neutral : .invalid
        case .randomToken: return TokenShape.looksRandom(text) ? .neutral : .invalid
        case .hasUpper:
            return text.utf8.contains(where: { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") }) ? .neutral : .invalid
        }
    }
}
