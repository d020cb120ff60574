import Foundation

/// JWT structure check: three dot-separated base64url parts whose header decodes to a JSON
/// object with an `alg` string (RFC 7519, RFC 7515).
public enum JSONWebToken {
    /// Whether `text` looks like a signed (or `alg: none`) JWT.
    public static func isValid(_ text: some StringProtocol) -> Bool {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, !parts[0].isEmpty, !parts[1].isEmpty else { return false }
        guard let header = decodeBase64URL(parts[0]), let payload = decodeBase64URL(parts[1]) else { return false }
        guard let object = try? JSONSerialization.jsonObject(with: header) as? [String: Any],
            object["alg"] is String
        else { return false }
        return payload.first == UInt8(ascii: "{")
    }

    /// Decodes unpadded base64url text.
    static func decodeBase64URL(_ text: some StringProtocol) -> Data? {
        var base64 = String(text).replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        let remainder = base64.utf8.count % 4
        if remainder == 1 { return nil }
        if remainder > 0 { base64 += String(repeating: "=", count: 4 - remainder) }
        return Data(base64Encoded: base64)
    }
}
