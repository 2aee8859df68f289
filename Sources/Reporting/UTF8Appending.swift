extension [UInt8] {
    /// Appends the string's UTF-8 from its own storage, byte copies rather than a walk of its `utf8` view.
    mutating func append(utf8Of string: String) {
        if string.utf8.withContiguousStorageIfAvailable({ append(contentsOf: $0) }) == nil { append(contentsOf: string.utf8) }
    }
}
