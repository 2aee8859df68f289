import Assessment

// This file imports Assessment alone: next to `import Testing`, the name SourceLocation is ambiguous, and
// `Assessment.SourceLocation` names a member of the Assessment struct rather than the module's type.

/// A line and column in a file, as diagnostics report them.
typealias FileLocation = SourceLocation

/// Shorthand for an expected location: `at(15, 5)` is line 15, column 5.
func at(_ line: Int, _ column: Int) -> FileLocation {
    FileLocation(line: line, column: column)
}
