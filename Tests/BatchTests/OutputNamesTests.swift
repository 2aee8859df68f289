import Batch
import Testing

@Suite struct OutputNamesTests {
    @Test func theSecondAndThirdClientOfOneNameGetNumberedSuffixes() {
        var names = OutputNames()
        #expect(names.allocate(for: "Rosa's Bakery") == "rosas-bakery")
        #expect(names.allocate(for: "ROSAS BAKERY") == "rosas-bakery-2")
        #expect(names.allocate(for: "rosas  bakery!") == "rosas-bakery-3")
    }

    @Test func aClientLiterallyNamedLikeASuffixedNameDoesNotCollide() {
        var names = OutputNames()
        #expect(names.allocate(for: "Acme 2") == "acme-2")
        #expect(names.allocate(for: "Acme") == "acme")
        #expect(names.allocate(for: "Acme") == "acme-3")
    }

    @Test(arguments: ["../../x", "/", "/etc/passwd", "a\u{0}b", "..", ".", "con", "NUL", "index", "summary", "", "日本語", String(repeating: "long ", count: 500)])
    func hostileNamesBecomeOneSafePathComponent(name: String) {
        var names = OutputNames()
        let allocated = names.allocate(for: name)
        #expect(!allocated.isEmpty && allocated.count <= 90)
        #expect(allocated.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }, "\(allocated)")
        #expect(!["con", "nul", "index", "summary", ".", ".."].contains(allocated))
        #expect(allocated.first != "-")
    }
}
