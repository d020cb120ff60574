import ParapetPatterns

/// One-pattern catalogs for loader tests.
enum CatalogYAML {
    /// A catalog in YAML with one pattern whose `requires` mapping is on line 8.
    static func onePattern(name: String, category: String, regex: String, requires: String) -> String {
        """
        catalog: mine
        version: 1
        patterns:
          - name: \(name)
            category: \(category)
            regex: '\(regex)'
            score: 0.8
            requires: \(requires)
        """
    }

    /// The error loading `yaml` throws; nil when it loads.
    static func error(loading yaml: String) -> CatalogError? {
        do {
            _ = try PatternCatalog(yaml: yaml, source: "mine.yaml")
            return nil
        } catch {
            return error as? CatalogError
        }
    }
}
