/// The order to insert one assessment's rows in so their primary keys ascend: SQLite then finds each row's place
/// after the last row of the table's last page, without a search, and only appends to that page.
///
/// The keys (question, criterion or rule ids) are the same for every assessment of a rubric, so the order is kept
/// and only worked out again when the keys differ from the last ones.
struct KeyOrder {
    private var keys: [String] = []
    private var order: [Int] = []

    /// `0..<count` in ascending order of `key`'s UTF-8 bytes, which is how SQLite compares text.
    mutating func ascending(_ count: Int, key: (Int) -> String) -> [Int] {
        // Equal strings from the same rubric share their storage, so this comparison is cheap.
        if keys.count != count || !keys.indices.allSatisfy({ keys[$0] == key($0) }) {
            keys = (0..<count).map(key)
            let bytes = keys.map { Array($0.utf8) }
            order = bytes.indices.sorted { bytes[$0].lexicographicallyPrecedes(bytes[$1]) }
        }
        return order
    }
}
