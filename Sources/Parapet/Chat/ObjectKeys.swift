/// Keeps the keys of one JSON object distinct once the guard has changed some of them.
///
/// Two addresses redacted to `<EMAIL>` would make `{"<EMAIL>": 1, "<EMAIL>": 2}`, which readers
/// take differently (most keep the last member and drop the first; ``JSONParser`` refuses it;
/// QA, 2026-12-02). A key that comes out equal to one already in the object, where the guard
/// changed either of them, gets ` (2)`, ` (3)`, … appended. Keys the guard left alone pass as
/// they are, repeated or not. Pure logic; ``ToolArgumentsScan`` and ``ToolArgumentsStream`` use
/// it alike, so both paths name the keys the same.
struct ObjectKeys: Sendable {
    /// Each key given out so far, and whether the guard changed it.
    private var given: [String: Bool] = [:]

    /// The name to write for a key that came out of the guard as `key` (`changed` when the guard
    /// rewrote or restored it).
    mutating func add(_ key: String, changed: Bool) -> String {
        guard let earlier = given[key], changed || earlier else {
            given[key] = (given[key] ?? false) || changed
            return key
        }
        var number = 2
        while given["\(key) (\(number))"] != nil { number += 1 }
        let distinct = "\(key) (\(number))"
        given[distinct] = true
        return distinct
    }
}
