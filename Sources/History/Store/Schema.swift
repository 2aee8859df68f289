/// The database's shape, one forward-only migration per version; `PRAGMA user_version` says which have run.
///
/// A migration is never edited once released: a change is a new migration, so every existing file can be brought
/// forward step by step, each step in its own transaction.
enum Schema {
    struct Migration {
        let version: Int
        let sql: String
    }

    static let migrations: [Migration] = [
        Migration(version: 1, sql: """
            CREATE TABLE clients (
                id INTEGER PRIMARY KEY,
                key TEXT NOT NULL UNIQUE,
                explicit_id TEXT,
                name TEXT NOT NULL,
                email TEXT,
                industry TEXT,
                industry_key TEXT,
                owner TEXT,
                employees INTEGER,
                website TEXT,
                location TEXT
            );
            CREATE INDEX clients_by_industry ON clients (industry_key);
            CREATE TABLE assessments (
                id INTEGER PRIMARY KEY,
                client_id INTEGER NOT NULL REFERENCES clients (id),
                rubric_id TEXT NOT NULL,
                rubric_title TEXT NOT NULL,
                rubric_version TEXT NOT NULL,
                rubric_sha256 TEXT NOT NULL,
                questionnaire_sha256 TEXT NOT NULL,
                questionnaire_path TEXT NOT NULL,
                assessed_on TEXT,
                assessor TEXT,
                overall REAL,
                verdict TEXT NOT NULL,
                veto TEXT,
                coverage REAL NOT NULL,
                recorded_at TEXT NOT NULL,
                questionnaire_json TEXT NOT NULL,
                UNIQUE (client_id, rubric_sha256, questionnaire_sha256)
            );
            CREATE INDEX assessments_by_rubric ON assessments (rubric_id, client_id);
            CREATE TABLE answers (
                assessment_id INTEGER NOT NULL REFERENCES assessments (id) ON DELETE CASCADE,
                question TEXT NOT NULL,
                criterion TEXT NOT NULL,
                answer_json TEXT NOT NULL,
                display TEXT NOT NULL,
                PRIMARY KEY (assessment_id, question)
            ) WITHOUT ROWID;
            CREATE TABLE criterion_scores (
                assessment_id INTEGER NOT NULL REFERENCES assessments (id) ON DELETE CASCADE,
                criterion TEXT NOT NULL,
                position INTEGER NOT NULL,
                title TEXT NOT NULL,
                weight REAL NOT NULL,
                score REAL,
                band TEXT,
                PRIMARY KEY (assessment_id, criterion)
            ) WITHOUT ROWID;
            CREATE TABLE rules_fired (
                assessment_id INTEGER NOT NULL REFERENCES assessments (id) ON DELETE CASCADE,
                rule TEXT NOT NULL,
                explanation TEXT,
                PRIMARY KEY (assessment_id, rule)
            ) WITHOUT ROWID;
            """),
        // The e-mail delivery log: one row per message, keyed by what makes it that message (the assessment and the
        // recipient), so a run after a crash or a partial failure sends only what no server has accepted yet.
        Migration(version: 2, sql: """
            CREATE TABLE deliveries (
                delivery_key TEXT PRIMARY KEY,
                message_id TEXT NOT NULL,
                assessment_id INTEGER REFERENCES assessments (id) ON DELETE SET NULL,
                client_key TEXT NOT NULL,
                recipient TEXT NOT NULL,
                subject TEXT NOT NULL,
                status TEXT NOT NULL CHECK (status IN ('sending', 'accepted', 'deferred', 'refused')),
                attempts INTEGER NOT NULL DEFAULT 0,
                reply TEXT,
                updated_at TEXT NOT NULL
            ) WITHOUT ROWID;
            CREATE INDEX deliveries_by_assessment ON deliveries (assessment_id);
            """),
    ]

    static var latestVersion: Int { migrations.last?.version ?? 0 }

    /// Brings the file to the latest version. Each step re-reads the version inside its own write transaction,
    /// so two processes creating the same new database do not both run it.
    static func migrate(_ connection: Connection) throws(HistoryError) {
        for migration in migrations {
            try connection.execute("BEGIN IMMEDIATE")
            do throws(HistoryError) {
                let found = try connection.integer("PRAGMA user_version")
                if found > latestVersion {
                    throw HistoryError(path: connection.path, reason: .newerSchema(found: found, supported: latestVersion))
                }
                if found < migration.version {
                    try connection.execute(migration.sql)
                    // The version is our own integer, never outside text.
                    try connection.execute("PRAGMA user_version = \(migration.version)")
                }
                try connection.execute("COMMIT")
            } catch {
                try? connection.execute("ROLLBACK")
                throw error
            }
        }
    }
}
