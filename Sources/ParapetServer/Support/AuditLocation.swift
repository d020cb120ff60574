import Foundation
import Parapet

/// What the audit trail keeps of where a decided text was: the trail never holds a user's or a
/// model's text, and some of a guard's locations and roles can carry it.
enum AuditLocation {
    /// `location` up to the tool-call arguments it is in: the path inside them
    /// (`.to.jane@example.com#key`) is made of the model's own keys, so it is left out;
    /// every other location is made of field names and indices.
    static func location(_ location: String) -> String? {
        guard !location.isEmpty else { return nil }
        guard let arguments = location.range(of: ".arguments") else { return location }
        return String(location[..<arguments.upperBound])
    }

    /// The role of OpenAI's chat format (or `document`) as its lookup key; a role a client made up
    /// (`human`) is kept as `other`, since it is the client's text.
    static func role(_ role: String) -> String? {
        let key = role.trimmingCharacters(in: .whitespaces).lowercased()
        guard !key.isEmpty else { return nil }
        return ChatScanOptions.knownRoles.contains(key) || key == "document" ? key : "other"
    }
}
