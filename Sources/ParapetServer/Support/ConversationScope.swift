/// The conversation a request's pseudonyms live in.
///
/// A client may name its conversation (`x-parapet-conversation`, or `conversation` in
/// `/v1/guard`) so that the same value keeps the same placeholder across its requests and the
/// answer's placeholders are restored. The vault is shared by everyone the proxy serves, so a named
/// conversation is keyed by the client key that authenticated the request as well: another client
/// (another tenant) sending the same name reads nothing of it, and no name a client sends can reach
/// a per-request conversation. Before 2026-12-02 the vault was keyed by the name alone, so any
/// caller who sent a victim's conversation name, or guessed the sequential id of a request still
/// streaming (`request-<id>`), got the victim's e-mail addresses and numbers restored.
struct ConversationScope: Sendable, Hashable {
    /// The id recorded in the audit trail: the client's own, or the automatic one.
    let id: String
    /// The pseudonym vault's key.
    let vaultKey: String
    /// Whether the conversation lives for one request only (and is forgotten after it).
    let isAutomatic: Bool

    /// A named conversation when `supplied` is a non-empty name, else `automatic` for this request.
    /// `client` is the name of the client key that authenticated the request (nil without keys,
    /// where only loopback clients can connect and share one scope).
    init(supplied: String?, client: String?, automatic: String) {
        if let supplied, !supplied.isEmpty {
            id = supplied
            // The client's name with its length, so no name and conversation can spell another
            // pair's key (a name holding a NUL could, with a plain separator); automatic keys never
            // start with `client:`, so no name reaches one.
            let name = client ?? ""
            vaultKey = "client:\(name.utf8.count):\(name):\(supplied)"
            isAutomatic = false
        } else {
            id = automatic
            vaultKey = automatic
            isAutomatic = true
        }
    }
}
