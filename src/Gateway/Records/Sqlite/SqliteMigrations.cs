namespace MailFilter.Gateway.Records.Sqlite;

/// <summary>
/// The archive schema, one step per version, applied in order on open (<c>PRAGMA user_version</c> says how far a
/// database is). Steps are only ever added: the next issue's holds, quarantine history and retention series come as
/// version 2, 3, … (<c>records.series</c> and <c>records.retain_until</c> are already here, null until then).
/// </summary>
static class SqliteMigrations
{
    public static readonly IReadOnlyList<string> Steps =
    [
        // 1: records, their categories, delivery history and coverage; the full-text index; the audit log.
        """
        CREATE TABLE records (
            time_key INTEGER PRIMARY KEY,   -- received time in ms << 20 | n: newest first is rowid order (README.md)
            id TEXT NOT NULL UNIQUE,
            received_at INTEGER NOT NULL,   -- Unix ms, UTC
            client_address TEXT NOT NULL,
            client_helo TEXT NOT NULL,
            sender TEXT NOT NULL,
            recipients TEXT NOT NULL,       -- JSON array
            from_header TEXT NOT NULL,
            to_header TEXT NOT NULL,        -- JSON array
            cc_header TEXT NOT NULL,        -- JSON array
            subject TEXT NOT NULL,
            date_header TEXT,               -- ISO 8601 with the sender's offset
            message_id TEXT NOT NULL,
            size_bytes INTEGER NOT NULL,
            sha256 TEXT NOT NULL,
            direction TEXT NOT NULL,
            action TEXT NOT NULL,
            categories TEXT NOT NULL,       -- JSON array
            verdict TEXT NOT NULL,          -- the verdict document, VerdictJson.Compact
            rules_version TEXT NOT NULL,
            model_versions TEXT NOT NULL,   -- JSON array
            series TEXT,
            retain_until INTEGER,
            ingested_at INTEGER NOT NULL
        );
        CREATE INDEX records_by_message_id ON records (message_id);
        CREATE INDEX records_by_sha256 ON records (sha256);
        CREATE INDEX records_by_action ON records (action, time_key);
        CREATE INDEX records_by_direction ON records (direction, time_key);

        CREATE TABLE record_categories (
            category TEXT NOT NULL,
            record_key INTEGER NOT NULL REFERENCES records (time_key) ON DELETE CASCADE,
            PRIMARY KEY (category, record_key)
        ) WITHOUT ROWID;
        CREATE INDEX record_categories_by_record ON record_categories (record_key);

        CREATE TABLE deliveries (
            record_key INTEGER NOT NULL REFERENCES records (time_key) ON DELETE CASCADE,
            at INTEGER NOT NULL,
            recipient TEXT NOT NULL,
            outcome TEXT NOT NULL,
            reply TEXT NOT NULL,
            PRIMARY KEY (record_key, at, recipient, outcome)
        ) WITHOUT ROWID;

        CREATE TABLE coverage (
            record_key INTEGER NOT NULL REFERENCES records (time_key) ON DELETE CASCADE,
            part TEXT NOT NULL,
            reason TEXT NOT NULL
        );
        CREATE INDEX coverage_by_record ON coverage (record_key);

        -- Contentless: the words only, the text is in the blob. prefix '2 3': short stems (con*) read one prefix
        -- doclist instead of merging thousands of terms' (README.md, bench/records).
        CREATE VIRTUAL TABLE records_text USING fts5 (
            subject, sender, recipients, body, attachments,
            content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3'
        );

        CREATE TABLE audit (
            seq INTEGER PRIMARY KEY,
            at INTEGER NOT NULL,            -- Unix ms, UTC
            actor TEXT NOT NULL,
            action TEXT NOT NULL,
            target TEXT NOT NULL,
            details TEXT NOT NULL,          -- canonical JSON (AuditChain.Canonicalize)
            previous_hash TEXT NOT NULL,
            hash TEXT NOT NULL
        );
        CREATE INDEX audit_by_actor ON audit (actor, seq);
        CREATE INDEX audit_by_at ON audit (at);
        CREATE TRIGGER audit_is_append_only_update BEFORE UPDATE ON audit
            BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
        CREATE TRIGGER audit_is_append_only_delete BEFORE DELETE ON audit
            BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
        """,
    ];

    public static int LatestVersion => Steps.Count;
}
