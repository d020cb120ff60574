public import ParapetCore
import ParapetEncoder
import ParapetPatterns

/// The scanner types Parapet ships, ready for policies to name.
///
/// - `patterns`: PII and secret catalogs (PCRE2 with validators).
/// - `regex`: custom regex rules written in the policy.
/// - `banlist`: Aho-Corasick ban lists.
/// - `classifier`: a trained classifier bundle (LoRA-adapted encoder + heads) reporting scores.
public enum StandardScanners {
    /// A registry with every standard scanner type registered.
    public static var registry: ScannerRegistry {
        var registry = ScannerRegistry()
        CoreScanners.register(into: &registry)
        PatternScanners.register(into: &registry)
        ClassifierScanners.register(into: &registry)
        return registry
    }
}
