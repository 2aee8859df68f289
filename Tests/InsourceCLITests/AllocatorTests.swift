import Testing

/// The executable's allocator is a performance decision (see Package.swift): a link change that silently drops
/// it would only show as a slower batch, so a test says it is there.
@Suite("Process allocator")
struct AllocatorTests {
    @Test("the insource executable allocates through mimalloc (it reports its start-up when asked to be verbose)")
    func executableRunsOnMimalloc() throws {
        let result = try Insource.run(["--version"], environment: ["MIMALLOC_VERBOSE": "1"])
        #expect(result.status == 0)
        #expect(result.stderr.contains("mimalloc: process init"), "stderr: \(result.stderr)")
    }
}
