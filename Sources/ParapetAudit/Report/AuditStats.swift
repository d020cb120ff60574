import ParapetCore
/// Counts over a set of events: by action, category, rule and policy, and per time bucket.
public struct AuditStats: Sendable, Hashable, Codable {
    /// One time bucket's counts.
    public struct Bucket: Sendable, Hashable, Codable {
        /// Bucket start, in microseconds since the epoch.
        public var startMicros: Int64
        /// Events per action.
        public var actions: [String: Int]
        /// Events per finding category.
        public var categories: [String: Int]
    }

    /// Bucket width in seconds.
    public var bucketSeconds: Int64
    /// Events counted.
    public var total = 0
    /// Events per action.
    public var actions: [String: Int] = [:]
    /// Events per finding category (an event counts once per category it has).
    public var categories: [String: Int] = [:]
    /// Events per fired rule (`policy/rule`).
    public var rules: [String: Int] = [:]
    /// Events per policy name and digest prefix (`name@digest12`).
    public var policies: [String: Int] = [:]
    /// Buckets in time order (only non-empty ones).
    public var buckets: [Bucket] = []
    /// Earliest event time.
    public var firstMicros: Int64?
    /// Latest event time.
    public var lastMicros: Int64?

    private var bucketIndex: [Int64: Int] = [:]

    enum CodingKeys: String, CodingKey {
        case bucketSeconds = "bucket_seconds", total, actions, categories, rules, policies, buckets
        case firstMicros = "first_us", lastMicros = "last_us"
    }

    /// Empty stats with the given bucket width (default: one hour).
    public init(bucketSeconds: Int64 = 3_600) { self.bucketSeconds = max(1, bucketSeconds) }

    /// Adds one event.
    public mutating func add(_ event: DecisionEvent) {
        total += 1
        actions[event.action.rawValue, default: 0] += 1
        let categoryList = event.categories
        for category in categoryList { categories[category, default: 0] += 1 }
        for rule in Set(event.rules.map(\.rule)) { rules["\(event.policy)/\(rule)", default: 0] += 1 }
        policies["\(event.policy)@\(event.policyDigest.prefix(12))", default: 0] += 1
        firstMicros = min(firstMicros ?? event.timeMicros, event.timeMicros)
        lastMicros = max(lastMicros ?? event.timeMicros, event.timeMicros)
        let width = bucketSeconds * 1_000_000
        let start = (event.timeMicros >= 0 ? event.timeMicros / width : (event.timeMicros - width + 1) / width) * width
        let index: Int
        if let existing = bucketIndex[start] {
            index = existing
        } else {
            index = buckets.count
            bucketIndex[start] = index
            buckets.append(Bucket(startMicros: start, actions: [:], categories: [:]))
        }
        buckets[index].actions[event.action.rawValue, default: 0] += 1
        for category in categoryList { buckets[index].categories[category, default: 0] += 1 }
    }

    /// Buckets sorted by time.
    public var sortedBuckets: [Bucket] { buckets.sorted { $0.startMicros < $1.startMicros } }

    /// The `limit` largest entries of a count table, largest first, ties by name.
    public static func top(_ counts: [String: Int], _ limit: Int) -> [(name: String, count: Int)] {
        counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.prefix(limit).map { ($0.key, $0.value) }
    }
}
