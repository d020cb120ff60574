/// Date checks for birth-date patterns: the text must name a real calendar date in 1900…2099.
public enum DateShape {
    /// English, German, French, Spanish, Italian, Dutch, Portuguese and Polish month names and
    /// abbreviations, lower-cased (Polish in the nominative and the genitive of dates: "11 września").
    static let months: [String: Int] = {
        let names: [[String]] = [
            ["jan", "january", "januar", "jänner", "janvier", "enero", "gennaio", "januari", "ene", "janv", "janeiro", "styczeń", "stycznia", "sty"],
            ["feb", "february", "februar", "février", "fevrier", "febrero", "febbraio", "februari", "févr", "fev", "fevereiro", "luty", "lutego", "lut"],
            ["mar", "march", "märz", "maerz", "mars", "marzo", "maart", "mär", "mrt", "março", "marco", "marzec", "marca"],
            ["apr", "april", "avril", "abril", "aprile", "avr", "abr", "kwiecień", "kwietnia", "kwi"],
            ["may", "mai", "mayo", "maggio", "mei", "maio", "maj", "maja"],
            ["jun", "june", "juni", "juin", "junio", "giugno", "junho", "czerwiec", "czerwca", "cze"],
            ["jul", "july", "juli", "juillet", "julio", "luglio", "juil", "julho", "lipiec", "lipca", "lip"],
            ["aug", "august", "août", "aout", "agosto", "augustus", "ago", "sierpień", "sierpnia", "sie"],
            ["sep", "sept", "september", "septembre", "septiembre", "setiembre", "settembre", "set", "setembro", "wrzesień", "września", "wrz"],
            ["oct", "october", "oktober", "octobre", "octubre", "ottobre", "okt", "outubro", "out", "październik", "października", "paź"],
            ["nov", "november", "novembre", "noviembre", "novembro", "listopad", "listopada", "lis"],
            ["dec", "december", "dezember", "décembre", "decembre", "diciembre", "dicembre", "dez", "déc", "dic", "dezembro", "grudzień", "grudnia", "gru"],
        ]
        var table: [String: Int] = [:]
        for (index, list) in names.enumerated() { for name in list { table[name] = index + 1 } }
        return table
    }()

    /// Whether `text` is a real date: numeric (`d/m/Y`, `m/d/Y`, `d.m.Y`, `Y-m-d`) or with a
    /// month name (`31 May 1991`, `December 28, 2003`, `Dec 05 2006`).
    public static func isPlausibleBirthDate(_ text: some StringProtocol) -> Bool {
        text.utf8.allSatisfy({ $0 < 0x80 }) ? isPlausibleBirthDate(ascii: text.utf8) : isPlausibleBirthDate(characters: text)
    }

    /// ``isPlausibleBirthDate(_:)`` by Character: runs of ASCII digits and runs of letters (any
    /// script) are the tokens; internal so tests can hold the ASCII path to it.
    static func isPlausibleBirthDate(characters text: some StringProtocol) -> Bool {
        var numbers: [Int] = []
        var month: Int?
        var token = ""
        var numeric = 0
        var digitsInToken = 0
        func flush() {
            if digitsInToken > 0 { numbers.append(numeric) }
            if !token.isEmpty {
                let key = token.lowercased()
                if let value = months[key] { month = value }
            }
            token = ""
            numeric = 0
            digitsInToken = 0
        }
        for char in text {
            if let digit = char.wholeNumberValue, char.isASCII {
                if !token.isEmpty { flush() }
                numeric = min(numeric, 100_000_000) * 10 + digit  // no overflow on long digit runs
                digitsInToken += 1
            } else if char.isLetter {
                if digitsInToken > 0 { flush() }
                token.append(char)
            } else {
                flush()
            }
        }
        flush()
        return isPlausible(numbers: numbers, month: month)
    }

    /// ``isPlausibleBirthDate(_:)`` on ASCII bytes: the same tokens (runs of digits, runs of
    /// letters), read byte by byte instead of by Character.
    static func isPlausibleBirthDate(ascii bytes: some Sequence<UInt8>) -> Bool {
        var numbers: [Int] = []
        var month: Int?
        var token: [UInt8] = []
        var numeric = 0
        var digitsInToken = 0
        func flush() {
            if digitsInToken > 0 { numbers.append(numeric) }
            if !token.isEmpty, let value = months[String(decoding: token, as: UTF8.self)] { month = value }
            token.removeAll(keepingCapacity: true)
            numeric = 0
            digitsInToken = 0
        }
        for byte in bytes {
            if byte.isDigit {
                if !token.isEmpty { flush() }
                numeric = min(numeric, 100_000_000) * 10 + Int(byte - UInt8(ascii: "0"))
                digitsInToken += 1
            } else if byte.isASCIILetter {
                if digitsInToken > 0 { flush() }
                token.append(byte | 0x20)
            } else {
                flush()
            }
        }
        flush()
        return isPlausible(numbers: numbers, month: month)
    }

    /// Whether the numbers (and month name) read from a date make a real date in 1900…2099.
    private static func isPlausible(numbers: [Int], month: Int?) -> Bool {
        let validYear = { (year: Int) in (1900...2099).contains(year) }
        if let month {
            guard numbers.count == 2 else { return false }
            let (day, year) = validYear(numbers[1]) ? (numbers[0], numbers[1]) : (numbers[1], numbers[0])
            return validYear(year) && isValid(day: day, month: month)
        }
        guard numbers.count == 3 else { return false }
        if validYear(numbers[0]) { return isValid(day: numbers[2], month: numbers[1]) }
        guard validYear(numbers[2]) else { return false }
        return isValid(day: numbers[0], month: numbers[1]) || isValid(day: numbers[1], month: numbers[0])
    }

    private static func isValid(day: Int, month: Int) -> Bool {
        let lengths = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        guard (1...12).contains(month) else { return false }
        return (1...lengths[month - 1]).contains(day)
    }
}
