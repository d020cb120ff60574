// Placeholder so the empty target compiles; delete once the target has real files.
