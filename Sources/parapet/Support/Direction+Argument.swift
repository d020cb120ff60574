public import ArgumentParser
public import Parapet

/// Lets `--direction input|output` parse straight into ``Direction``.
extension Direction: ExpressibleByArgument {}
