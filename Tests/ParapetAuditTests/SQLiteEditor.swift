import GRDB

/// Edits a SQLite file directly, as someone tampering with the trail would.
enum SQLiteEditor {
    static func execute(path: String, sql: String) throws {
        let queue = try DatabaseQueue(path: path)
        try queue.write { try $0.execute(sql: sql) }
        try queue.close()
    }
}
