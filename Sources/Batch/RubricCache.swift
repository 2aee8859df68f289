import Assessment
import Synchronization

/// Rubrics by reference, each loaded once for the whole batch whatever thread asks first, and once more for each
/// worker thread.
///
/// A worker thread reads through a cache of its own (`forOneThread`), which holds its own copy of each rubric,
/// loaded again from the bytes the batch's rubric was loaded from (so the same rubric: none is changed after
/// loading). The copies share no object, so two threads scoring at once never contend for reference counts.
final class RubricCache: Sendable {
    private let search: RubricSearchPath
    /// The batch's cache, for a thread's own.
    private let batch: RubricCache?
    private let loaded = Mutex<[String: Result<Rubric, DiagnosticsError>]>([:])

    init(search: RubricSearchPath) {
        self.search = search
        batch = nil
    }

    private init(batch: RubricCache) {
        search = batch.search
        self.batch = batch
    }

    /// A cache for one worker thread, reading through this one.
    func forOneThread() -> RubricCache {
        RubricCache(batch: self)
    }

    func resolve(_ reference: String) throws(DiagnosticsError) -> Rubric {
        let result = loaded.withLock { cache in
            if let known = cache[reference] { return known }
            let result: Result<Rubric, DiagnosticsError>
            do throws(DiagnosticsError) {
                if let batch {
                    let rubric = try batch.resolve(reference)
                    // The bytes loaded once already; should they not load again, the batch's rubric serves (only shared).
                    result = .success((try? RubricLoader.load(bytes: rubric.origin.bytes, path: rubric.origin.path)) ?? rubric)
                } else {
                    result = .success(try search.resolve(reference))
                }
            } catch {
                result = .failure(error)
            }
            cache[reference] = result
            return result
        }
        return try result.get()
    }
}
