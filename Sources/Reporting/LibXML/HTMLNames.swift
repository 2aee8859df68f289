internal import CLibXML2

/// Strings that every report's document uses (element and attribute names, resolved styles, class
/// names, the chart's fixed values), interned once in a libxml2 dictionary.
///
/// Each report's document gets a dictionary of its own that reads through this one
/// (`xmlDictCreateSub`), so a node can point at an interned string instead of holding a copy, and
/// freeing the document leaves the string alone (libxml2 frees no string its document's
/// dictionaries own). Nothing is added after `init`, so documents on many threads read it at once.
final class HTMLNames: @unchecked Sendable {
    /// Written only in `init`; libxml2 reference-counts it, so documents keep it alive after this object.
    let dictionary: OpaquePointer
    private let interned: [String: InternedString]

    /// Interns `strings`, each cleaned of the characters HTML forbids (`HTMLText.clean`) so that an
    /// interned value can be used as an attribute value without a scan.
    init(_ strings: some Sequence<String>) {
        LibXML.initialise()
        guard let dictionary = xmlDictCreate() else { preconditionFailure("libxml2 could not allocate a dictionary (out of memory)") }
        self.dictionary = dictionary
        var interned: [String: InternedString] = [:]
        for string in strings where interned[string] == nil {
            guard let pointer = withXMLString(HTMLText.clean(string), { xmlDictLookup(dictionary, $0, -1) }) else {
                preconditionFailure("libxml2 could not intern a string (out of memory)")
            }
            interned[string] = InternedString(pointer: pointer, dictionary: dictionary)
        }
        self.interned = interned
    }

    deinit {
        xmlDictFree(dictionary)
    }

    /// The interned form of a string given to `init`; nil for any other.
    subscript(_ string: String) -> InternedString? {
        interned[string]
    }

    /// The interned form of a string that `init` must have been given (a name this module spells out).
    func required(_ string: String) -> InternedString {
        guard let found = interned[string] else { preconditionFailure("'\(string)' is not among the interned names") }
        return found
    }
}

/// A string in an `HTMLNames` dictionary. Only documents that read through that dictionary take it
/// (`HTMLDocument` checks), since only they know not to free it.
struct InternedString: @unchecked Sendable {
    /// Points into a dictionary that is never changed after it is made, and lives while any document reads it.
    let pointer: UnsafePointer<xmlChar>
    /// The dictionary it belongs to.
    let dictionary: OpaquePointer
}
