import GRDB

/// The fixed part of the schema. A shipped migration is never edited: add a new one.
enum Schema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-waves-sources-responses") { db in
            try db.create(table: "wave") { t in
                t.primaryKey("id", .text)
                t.column("start_year", .integer).notNull()
                t.column("term", .text).notNull()
                t.column("created_at", .text).notNull()
            }
            // The register as it was when the wave was imported: response rates stay reproducible.
            try db.create(table: "institution") { t in
                t.column("wave_id", .text).notNull().references("wave", onDelete: .cascade)
                t.column("code", .text).notNull()
                t.column("name", .text).notNull()
                t.column("type", .text).notNull()
                t.column("teachers", .integer).notNull()
                t.primaryKey(["wave_id", "code"])
            }
            // Answer columns are defined by the instrument; `slots` lists them in order.
            try db.create(table: "instrument") { t in
                t.primaryKey("id", .text)
                t.column("answer_table", .text).notNull()
                t.column("slots", .text).notNull()
                t.column("text_items", .text).notNull()
            }
            try db.create(table: "source") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("wave_id", .text).notNull().references("wave", onDelete: .cascade)
                t.column("file_name", .text).notNull()
                t.column("sha256", .text).notNull().unique()
                t.column("kind", .text).notNull()
                t.column("instrument_id", .text)
                t.column("format", .text).notNull()
                t.column("encoding", .text).notNull()
                t.column("delimiter", .text).notNull()
                t.column("rows_read", .integer).notNull()
                t.column("rows_accepted", .integer).notNull()
                t.column("rows_quarantined", .integer).notNull()
                t.column("imported_at", .text).notNull()
            }
            try db.create(table: "quarantine") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("source_id", .integer).notNull().references("source", onDelete: .cascade)
                t.column("line", .integer).notNull()
                t.column("column_name", .text)
                t.column("value", .text)
                t.column("reason", .text).notNull()
            }
            try db.create(table: "response") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("source_id", .integer).notNull().references("source", onDelete: .cascade)
                t.column("wave_id", .text).notNull()
                t.column("line", .integer).notNull()
                t.column("respondent_key", .text).notNull()
                t.column("submitted_at", .text)
                t.column("institution", .text).notNull()
                t.column("superseded", .boolean).notNull().defaults(to: false)
            }
            try db.create(
                index: "response_on_wave_respondent", on: "response",
                columns: ["wave_id", "respondent_key"])
            try db.create(table: "response_text") { t in
                t.column("response_id", .integer).notNull().references("response", onDelete: .cascade)
                t.column("item_id", .text).notNull()
                t.column("text", .text).notNull()
                t.primaryKey(["response_id", "item_id"])
            }
        }
        migrator.registerMigration("v2-self-assessment") { db in
            // SPEC 4.2: ratings 1–4 per need area, by institution or by (pseudonymous) teacher.
            try db.create(table: "self_assessment") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("source_id", .integer).notNull().references("source", onDelete: .cascade)
                t.column("wave_id", .text).notNull()
                t.column("line", .integer).notNull()
                t.column("institution", .text)
                t.column("respondent_key", .text)
                t.column("area", .text).notNull()
                t.column("rating", .integer).notNull()
            }
            try db.create(index: "self_assessment_on_wave", on: "self_assessment", columns: ["wave_id"])
        }
        migrator.registerMigration("v3-response-wave-order") { db in
            // Entries sorted by (wave_id, rowid): a wave's responses come out in import order
            // without sorting ~80-column rows in a temporary B-tree.
            try db.create(index: "response_on_wave", on: "response", columns: ["wave_id"])
        }
        migrator.registerMigration("v4-key-fingerprint") { db in
            // SPEC 8: the pseudonym key's fingerprint (never the key), recorded on first use, so a
            // run with another key is refused instead of silently breaking links across waves.
            try db.create(table: "key_fingerprint") { t in
                t.primaryKey("id", .integer).check { $0 == 1 }
                t.column("fingerprint", .text).notNull()
                t.column("recorded_at", .text).notNull()
            }
        }
        migrator.registerMigration("v5-read-fingerprint-unreadable") { db in
            // SPEC 9: the same bytes read another way (a fixed mapping) replace the earlier reading.
            try db.alter(table: "source") { t in t.add(column: "read_fingerprint", .text) }
            // SPEC 9: answers that matched no label, missing for their item only, listed per item.
            try db.create(table: "unreadable_answer") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("source_id", .integer).notNull().references("source", onDelete: .cascade)
                t.column("line", .integer).notNull()
                t.column("item_id", .text).notNull()
                t.column("column_name", .text).notNull()
                t.column("value", .text).notNull()
            }
            try db.create(index: "unreadable_answer_on_source", on: "unreadable_answer", columns: ["source_id"])
        }
        migrator.registerMigration("v6-quarantine-codes") { db in
            // Quarantine reasons as values (QuarantineReason): a code and its arguments, a JSON
            // array of strings. Rows stored before keep their English `reason` and no code: they
            // read back as `.legacy`. New rows put the code in `reason` too (it is NOT NULL).
            try db.alter(table: "quarantine") { t in
                t.add(column: "reason_code", .text)
                t.add(column: "reason_arguments", .text)
            }
        }
        PlanSchema.register(in: &migrator)
        migrator.registerMigration("v8-observation") { db in
            // SPEC 12.2: lesson observations, apart from survey responses — a teacher observed
            // twice is two observations, never a superseded submission. The observed teacher is a
            // pseudonym only; the answers are kept long (slot, value) so the sheet may change.
            try db.create(table: "observation") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("source_id", .integer).notNull().references("source", onDelete: .cascade)
                t.column("wave_id", .text).notNull()
                t.column("line", .integer).notNull()
                t.column("teacher_key", .text).notNull()
                t.column("institution", .text).notNull()
                t.column("submitted_at", .text)
            }
            try db.create(index: "observation_on_wave", on: "observation", columns: ["wave_id"])
            try db.create(table: "observation_answer") { t in
                t.column("observation_id", .integer).notNull().references("observation", onDelete: .cascade)
                t.column("slot", .text).notNull()
                t.column("value", .integer).notNull()
                t.primaryKey(["observation_id", "slot"])
            }
        }
        PlanSchema.registerAssociations(in: &migrator)
        migrator.registerMigration("v10-wave-summary") { db in
            // A wave's headline numbers per instrument (the Dinamika point), so that a report does
            // not read every earlier wave's responses again. A cache of what the responses give:
            // its returning respondents depend on the wave before, named in `previous_wave`. Any
            // import into a wave deletes its summary and the next wave's, `forget` removes it with
            // the wave, and the instrument's slot list and the wave before must match for it to be used.
            try db.create(table: "wave_summary") { t in
                t.column("wave_id", .text).notNull().references("wave", onDelete: .cascade)
                t.column("instrument_id", .text).notNull()
                t.column("slots", .text).notNull()
                t.column("previous_wave", .text)
                t.column("summary", .blob).notNull()
                t.primaryKey(["wave_id", "instrument_id"])
            }
        }
        migrator.registerMigration("v11-compact-answers", foreignKeyChecks: .immediate) { db in
            // Answers as one BLOB per response instead of a column per slot (`AnswerLayout`):
            // SQLite's per-column work was most of a national import and of every read back.
            try AnswerSchema.compactWideTables(db)
        }
        migrator.registerMigration("v12-response-ranges") { db in
            // A source's responses are one run of ids (one transaction, one writer), kept on the
            // source row: reads go through those ranges, and the two indexes on `response` go.
            // Their random-order inserts were most of a national import (issue 19: 300,000 rows,
            // 2.1 s → 0.7 s in a C program with the same schema). A range is only a way in:
            // every read also checks the row's source, so a range that holds another source's
            // rows (a database made before this) still reads right.
            try db.alter(table: "source") { t in
                t.add(column: "first_response", .integer)
                t.add(column: "last_response", .integer)
            }
            try db.execute(
                sql: """
                    UPDATE source SET first_response = b.first, last_response = b.last
                    FROM (SELECT source_id, min(id) AS first, max(id) AS last FROM response GROUP BY source_id) AS b
                    WHERE b.source_id = source.id
                    """)
            try db.execute(sql: "DROP INDEX response_on_wave_respondent")
            try db.execute(sql: "DROP INDEX response_on_wave")
            // Only superseded rows, which an insert never makes: each file's count of them for
            // the data-quality sheet without a walk along all its rows.
            try db.execute(sql: "CREATE INDEX response_superseded ON response (source_id) WHERE superseded")
        }
        migrator.registerMigration("v13-source-size") { db in
            // A file the size of no stored file cannot have been imported before: its rows are
            // stored while its hash is still being worked out (`importFile`).
            try db.alter(table: "source") { t in t.add(column: "byte_count", .integer) }
        }
        return migrator
    }
}
