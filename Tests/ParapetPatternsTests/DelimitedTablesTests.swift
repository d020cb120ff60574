import ParapetCore
import ParapetTestSupport
import Testing

@testable import ParapetPatterns

/// Tables of delimited lines and their column headers as context words (``DelimitedTables``).
@Suite("DelimitedTables")
struct DelimitedTablesTests {
    /// The tables of `text` as (delimiter, header text, body text).
    static func tables(_ text: String) -> [(String, String, String)] {
        var text = text
        return text.withUTF8 { bytes in
            DelimitedTables(bytes).tables.map { table in
                (
                    String(decoding: [table.delimiter], as: UTF8.self),
                    String(decoding: bytes[table.header], as: UTF8.self),
                    String(decoding: bytes[table.body], as: UTF8.self)
                )
            }
        }
    }

    @Test func tablesOfEachDelimiterAreFound() {
        let csv = "Sort this:\nfull_name,ssn\nAnn Lee,123\nBo Li,456\nThanks"
        #expect(Self.tables(csv).map(\.0) == [","])
        #expect(Self.tables(csv).first?.1 == "full_name,ssn")
        #expect(Self.tables(csv).first?.2 == "Ann Lee,123\nBo Li,456")
        #expect(Self.tables("name;phone\nAnn;1\nBo;2").map(\.0) == [";"])
        #expect(Self.tables("name\tphone\nAnn\t1").map(\.0) == ["\t"])
        let markdown = "| Week | Phone |\n|---|---|\n| 1 | 555 |\n| 2 | 556 |\n"
        #expect(Self.tables(markdown).map(\.1) == ["| Week | Phone |"])
        #expect(Self.tables(markdown).first?.2 == "|---|---|\n| 1 | 555 |\n| 2 | 556 |")
        // CRLF lines: the carriage return stays in the last cell.
        #expect(Self.tables("a,b\r\n1,2\r\n").first?.2 == "1,2\r")
    }

    @Test func linesThatAreNoHeaderMakeNoTable() {
        #expect(Self.tables("").isEmpty)
        #expect(Self.tables("a,b").isEmpty)  // a header alone
        #expect(Self.tables("E1,Ann Lee,123\nE2,Bo Li,456").isEmpty)  // no header: the first row holds digits
        #expect(Self.tables("Hello there, how are you doing today my friend?\nFine, thanks").isEmpty)
        #expect(Self.tables("In the long run of things we all get there, eventually and slowly\nYes, we do").isEmpty)
        #expect(Self.tables("a,b\n1,2,3").isEmpty)  // the next line holds another number of commas
    }

    @Test func aValueGetsTheHeaderCellOfItsColumn() {
        let bytes = Array("| Week | Engineer | Phone |\n|---|---|---|\n| 1 | Ann | 555 |\n".utf8)
        let cells: [String?] = bytes.withUnsafeBufferPointer { buffer in
            let table = DelimitedTables(buffer).tables[0]
            // Ann, 555 and 1.
            return [48, 54, 44].map { offset in
                table.headerCell(above: offset, in: buffer).map { String(decoding: buffer[$0], as: UTF8.self) }
            }
        }
        #expect(cells == [" Engineer ", " Phone ", " Week "])
    }

    /// Rows far below a header that names them are found; without the header they are not, and
    /// short and long texts (the region search) agree with the patterns run everywhere.
    @Test func columnHeadersServeAsContextWords() throws {
        let rows = (0..<30).map { "Person \($0),07/14/19\(50 + $0),\(500 + $0)-52-\(1000 + $0)" }
        let table = "full_name,date_of_birth,ssn\n" + rows.joined(separator: "\n")
        let found = try Scanners.found(table)
        #expect(found.filter { $0[0] == "DATE_OF_BIRTH" }.count == 30)
        #expect(found.filter { $0[0] == "US_SSN" }.count == 30)
        let plain = "full_name,col_b,col_c\n" + rows.joined(separator: "\n")
        #expect(try Scanners.found(plain).filter { $0[0] == "DATE_OF_BIRTH" }.isEmpty)
        let nineDigits = "name,ssn\n" + (0..<20).map { "P\($0),\(234_561_000 + $0 * 1_111)" }.joined(separator: "\n")
        #expect(try Scanners.found(nineDigits).filter { $0[0] == "US_SSN" }.count == 20)
        let long = String(repeating: "Some prose without numbers here. ", count: 150) + "\n" + table + "\n"
        #expect(long.utf8.count > 4_096)
        let same = try LongTexts.expectSameFindings([table, long, plain, nineDigits])
        #expect(same.filter { $0.category == .dateOfBirth }.count == 60)
    }
}
