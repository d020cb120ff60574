import CParapetScan

/// The delimited tables of a text (CSV, semicolon-separated, TSV, Markdown): a header line and
/// the lines right below it that hold as many of the same delimiter.
///
/// A value's column header then serves as its context word: in `full_name,ssn,date_of_birth`
/// followed by rows, `date_of_birth` names every date below it, however far the row is from
/// the header. A header is a line whose every cell is a short name (a letter, no digit, no `!`
/// or `?`, at most 4 words and 40 bytes; the cells outside a Markdown table's outer pipes may be
/// empty), so a table without a header has none and prose lines with as many commas rarely make
/// one. Quoted delimiters are not parsed: such a row breaks the table.
struct DelimitedTables {
    /// One table: its delimiter, its header line and the lines below it.
    struct Table: Equatable {
        let delimiter: UInt8
        let header: Range<Int>
        let body: Range<Int>

        /// The header cell of the column that `position` (in ``body``) lies in; nil when its
        /// line has more cells than the header.
        func headerCell(above position: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Range<Int>? {
            var lineStart = position
            var column = 0
            while lineStart > body.lowerBound, bytes[lineStart - 1] != UInt8(ascii: "\n") {
                lineStart -= 1
                if bytes[lineStart] == delimiter { column += 1 }
            }
            var cellStart = header.lowerBound
            for index in header where bytes[index] == delimiter {
                if column == 0 { return cellStart..<index }
                column -= 1
                cellStart = index + 1
            }
            return column == 0 ? cellStart..<header.upperBound : nil
        }
    }

    /// The delimiters a table may use, in the order of the C kernel's `ps_run.delimiter`.
    static let delimiters: [UInt8] = [UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: "\t"), UInt8(ascii: "|")]
    /// The longest header cell (bytes other than spaces) and the most words it may hold.
    static let maxHeaderCellBytes = 40
    static let maxHeaderCellWords = 4

    /// The tables, each delimiter's in text order.
    let tables: [Table]

    /// Finds the tables of `bytes`: the C kernel (`ps_delimited_runs`, one pass, 16 bytes a step
    /// where the CPU has SSE2) lists the runs of lines, this keeps those whose first line is a header.
    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        // A table takes two lines: a text without a newline (most prompts) has none.
        guard let base = bytes.baseAddress, bytes.contains(UInt8(ascii: "\n")) else {
            tables = []
            return
        }
        var found: [Table] = []
        // Short texts (most have no run at all) list their runs in a buffer on the stack; when it
        // is too small, or the text is long, in one on the heap.
        let stackRuns = 32
        var capacity = bytes.count / 128 + 64  // a run takes two lines of two bytes or more
        if bytes.count <= 4_096 {
            let count = withUnsafeTemporaryAllocation(of: ps_run.self, capacity: stackRuns) { buffer in
                let count = ps_delimited_runs(base, bytes.count, buffer.baseAddress, stackRuns)
                if count <= stackRuns { Self.keepHeaders(UnsafeBufferPointer(rebasing: buffer[..<count]), in: bytes, into: &found) }
                return count
            }
            guard count > stackRuns else {
                tables = found
                return
            }
            capacity = count
        }
        var runs = [ps_run](repeating: ps_run(), count: capacity)
        var count = ps_delimited_runs(base, bytes.count, &runs, runs.count)
        if count > runs.count {
            runs = [ps_run](repeating: ps_run(), count: count)
            count = ps_delimited_runs(base, bytes.count, &runs, runs.count)
        }
        runs.withUnsafeBufferPointer { Self.keepHeaders(UnsafeBufferPointer(rebasing: $0[..<count]), in: bytes, into: &found) }
        tables = found
    }

    /// The runs whose first line is a header, as tables.
    private static func keepHeaders(_ runs: UnsafeBufferPointer<ps_run>, in bytes: UnsafeBufferPointer<UInt8>, into found: inout [Table]) {
        for run in runs {
            let delimiter = delimiters[Int(run.delimiter)]
            let header = run.start..<run.header_end
            guard isHeader(header, delimiter: delimiter, in: bytes) else { continue }
            found.append(Table(delimiter: delimiter, header: header, body: (run.header_end + 1)..<run.end))
        }
    }

    /// Whether every cell of the line is a short column name; a Markdown table's empty cells
    /// before its first and after its last pipe are allowed.
    private static func isHeader(_ line: Range<Int>, delimiter: UInt8, in bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var cellStart = line.lowerBound
        var cellIndex = 0
        for position in line.lowerBound...line.upperBound where position == line.upperBound || bytes[position] == delimiter {
            let outer = delimiter == UInt8(ascii: "|") && (cellIndex == 0 || position == line.upperBound)
            if !isHeaderCell(cellStart..<position, in: bytes, mayBeEmpty: outer) { return false }
            cellStart = position + 1
            cellIndex += 1
        }
        return true
    }

    private static func isHeaderCell(_ cell: Range<Int>, in bytes: UnsafeBufferPointer<UInt8>, mayBeEmpty: Bool) -> Bool {
        var letters = false
        var filled = 0
        var words = 0
        var inWord = false
        for position in cell {
            let byte = bytes[position]
            if byte.isDigit || byte == UInt8(ascii: "!") || byte == UInt8(ascii: "?") { return false }
            if byte.isASCIILetter || byte >= 0x80 { letters = true }
            if byte.isRegexSpace {
                inWord = false
            } else {
                filled += 1
                if !inWord { words += 1 }
                inWord = true
            }
        }
        guard filled <= maxHeaderCellBytes, words <= maxHeaderCellWords else { return false }
        return letters || (mayBeEmpty && filled == 0)
    }
}

extension DelimitedTables {
    /// A text's tables, found the first time a scan needs them (most texts never do).
    struct Lazy {
        private var found: [Table]?

        /// The tables of `bytes` (the same text on every call).
        mutating func tables(of bytes: UnsafeBufferPointer<UInt8>) -> [Table] {
            if let found { return found }
            let tables = DelimitedTables(bytes).tables
            found = tables
            return tables
        }
    }
}
