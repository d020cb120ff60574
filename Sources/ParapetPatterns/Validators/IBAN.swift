/// IBAN validation: the per-country length table and the ISO 7064 mod-97 check.
public enum IBAN {
    /// Whether `text` (spaces allowed between groups) is a well-formed IBAN with a valid checksum.
    public static func isValid(_ text: some StringProtocol) -> Bool {
        var chars: [UInt8] = []
        chars.reserveCapacity(34)
        for byte in text.utf8 where byte != UInt8(ascii: " ") {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "A")...UInt8(ascii: "Z"): chars.append(byte)
            case UInt8(ascii: "a")...UInt8(ascii: "z"): chars.append(byte - 32)
            default: return false
            }
        }
        guard chars.count >= 15, chars.count <= 34 else { return false }
        let country = String(decoding: chars[0..<2], as: UTF8.self)
        guard let length = lengths[country], chars.count == length else { return false }
        guard chars[2].isDigit, chars[3].isDigit else { return false }
        return mod97(Array(chars[4...] + chars[0..<4])) == 1
    }

    /// The remainder modulo 97 of the number formed by `chars`, letters counting as 10…35.
    static func mod97(_ chars: [UInt8]) -> Int {
        var remainder = 0
        for char in chars {
            if char.isDigit {
                remainder = (remainder * 10 + Int(char - UInt8(ascii: "0"))) % 97
            } else {
                remainder = (remainder * 100 + Int(char - UInt8(ascii: "A")) + 10) % 97
            }
        }
        return remainder
    }

    /// IBAN lengths by ISO 3166 country code (SWIFT IBAN registry).
    static let lengths: [String: Int] = [
        "AD": 24, "AE": 23, "AL": 28, "AT": 20, "AZ": 28, "BA": 20, "BE": 16, "BG": 22, "BH": 22,
        "BI": 27, "BR": 29, "BY": 28, "CH": 21, "CR": 22, "CY": 28, "CZ": 24, "DE": 22, "DJ": 27,
        "DK": 18, "DO": 28, "EE": 20, "EG": 29, "ES": 24, "FI": 18, "FK": 18, "FO": 18, "FR": 27,
        "GB": 22, "GE": 22, "GI": 23, "GL": 18, "GR": 27, "GT": 28, "HR": 21, "HU": 28, "IE": 22,
        "IL": 23, "IQ": 23, "IS": 26, "IT": 27, "JO": 30, "KW": 30, "KZ": 20, "LB": 28, "LC": 32,
        "LI": 21, "LT": 20, "LU": 20, "LV": 21, "LY": 25, "MC": 27, "MD": 24, "ME": 22, "MK": 19,
        "MN": 20, "MR": 27, "MT": 31, "MU": 30, "NI": 28, "NL": 18, "NO": 15, "OM": 23, "PK": 24,
        "PL": 28, "PS": 29, "PT": 25, "QA": 29, "RO": 24, "RS": 22, "RU": 33, "SA": 24, "SC": 31,
        "SD": 18, "SE": 24, "SI": 19, "SK": 24, "SM": 27, "SO": 23, "ST": 25, "SV": 28, "TL": 23,
        "TN": 24, "TR": 26, "UA": 29, "VA": 22, "VG": 24, "XK": 20, "YE": 30,
    ]
}
