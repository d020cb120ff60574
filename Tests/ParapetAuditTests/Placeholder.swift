// Placeholder so the empty test target compiles; delete once it has real tests.
