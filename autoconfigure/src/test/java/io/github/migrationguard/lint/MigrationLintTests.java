package io.github.migrationguard.lint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.github.migrationguard.testing.Migrations;
import io.github.migrationguard.testing.TestDatabases;
import java.nio.file.Path;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.sqlite.SQLiteDataSource;

class MigrationLintTests {

    @TempDir
    Path temp;

    private SQLiteDataSource dataSource;

    private Migrations migrations;

    private final MigrationLint lint = new MigrationLint(LintSettings.DEFAULTS);

    @BeforeEach
    void createDatabase() {
        this.dataSource = TestDatabases.wal(this.temp.resolve("app.db"));
        this.migrations = new Migrations(this.temp.resolve("migrations"))
                .add("V1__init.sql", "CREATE TABLE author (id INTEGER PRIMARY KEY, name TEXT NOT NULL);\n");
    }

    @Test
    void warnsAboutPragmaForeignKeysInTransactionalMigration() {
        // Flyway runs a script holding only PRAGMA foreign_keys outside a transaction, unless told otherwise
        this.migrations
                .add("V2__fk.sql", "-- turn on foreign keys\n\nPRAGMA foreign_keys = ON;\n")
                .add("V2__fk.sql.conf", "executeInTransaction=true\n");
        List<LintFinding> findings = this.lint.beforeMigrate(flyway());
        assertThat(findings).singleElement().satisfies((finding) -> {
            assertThat(finding.rule()).isEqualTo(LintRule.PRAGMA_FOREIGN_KEYS);
            assertThat(finding.source()).isEqualTo("V2__fk.sql");
            assertThat(finding.line()).isEqualTo(3);
            assertThat(finding.message())
                    .startsWith("V2__fk.sql:3: PRAGMA foreign_keys")
                    .contains("fix: run it in a migration with executeInTransaction=false");
        });
    }

    @Test
    void warnsAboutPragmaJournalModeInTransactionalMigration() {
        this.migrations.add("V2__wal.sql", "CREATE TABLE a (id INTEGER);\npragma journal_mode=wal;\n");
        assertThat(this.lint.beforeMigrate(flyway())).singleElement().satisfies((finding) -> {
            assertThat(finding.rule()).isEqualTo(LintRule.PRAGMA_JOURNAL_MODE);
            assertThat(finding.line()).isEqualTo(2);
            assertThat(finding.message()).contains("journal_mode=WAL");
        });
    }

    @Test
    void warnsAboutVacuumInTransactionalMigration() {
        this.migrations.add("V2__vacuum.sql", "DELETE FROM author;\n/* reclaim\n   space */ VACUUM;\n");
        assertThat(this.lint.beforeMigrate(flyway())).singleElement().satisfies((finding) -> {
            assertThat(finding.rule()).isEqualTo(LintRule.VACUUM_IN_TRANSACTION);
            assertThat(finding.line()).isEqualTo(3);
        });
    }

    @Test
    void acceptsVacuumAndPragmasInMigrationThatRunsOutsideTransaction() {
        this.migrations
                .add("V2__maintenance.sql", "PRAGMA foreign_keys = ON;\nPRAGMA journal_mode = WAL;\nVACUUM;\n")
                .add("V2__maintenance.sql.conf", "executeInTransaction=false\n");
        assertThat(this.lint.beforeMigrate(flyway())).isEmpty();
    }

    @Test
    void acceptsVacuumWhenFlywayRunsEveryMigrationOutsideTransaction() {
        this.migrations.add("V2__maintenance.sql", "VACUUM;\n");
        Flyway flyway = Flyway.configure()
                .dataSource(this.dataSource)
                .locations(this.migrations.location())
                .executeInTransaction(false)
                .load();
        assertThat(this.lint.beforeMigrate(flyway)).isEmpty();
    }

    @Test
    void acceptsPragmaJournalModeBesideForeignKeysPragmaThatFlywayRunsOutsideTransaction() {
        // Flyway's SQLite parser runs a script with PRAGMA foreign_keys outside a transaction, all of it (mixed)
        this.migrations.add("V2__pragmas.sql", "PRAGMA foreign_keys = OFF;\nPRAGMA journal_mode = WAL;\n");
        Flyway flyway = Flyway.configure()
                .dataSource(this.dataSource)
                .locations(this.migrations.location())
                .mixed(true)
                .load();
        assertThat(this.lint.beforeMigrate(flyway)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "ALTER TABLE author ALTER COLUMN name TYPE VARCHAR(200);",
                "ALTER TABLE author\n  ADD CONSTRAINT author_name UNIQUE (name);",
                "ALTER TABLE author ADD COLUMN code INTEGER PRIMARY KEY;",
                "ALTER TABLE author ADD email TEXT UNIQUE;",
                "ALTER TABLE author ADD COLUMN born INTEGER NOT NULL;",
                "ALTER TABLE author ADD COLUMN created TEXT DEFAULT CURRENT_TIMESTAMP;",
                "ALTER TABLE author ADD COLUMN salt INTEGER DEFAULT (random());",
                "ALTER TABLE author ADD COLUMN three INTEGER DEFAULT (1 + 2);",
                "ALTER TABLE author ADD COLUMN twice INTEGER AS (id * 2) STORED;",
                "ALTER TABLE author MODIFY name VARCHAR(200);"
            })
    void warnsAboutAlterTableThatSqliteRejects(String alter) {
        authorTableWithOneRow();
        this.migrations.add("V2__alter.sql", alter + "\n");
        assertThat(this.lint.beforeMigrate(flyway())).singleElement().satisfies((finding) -> {
            assertThat(finding.rule()).isEqualTo(LintRule.UNSUPPORTED_ALTER_TABLE);
            assertThat(finding.source()).isEqualTo("V2__alter.sql");
            assertThat(finding.line()).isEqualTo(1);
            assertThat(finding.detail()).contains("(SQLite: ");
            assertThat(finding.message()).contains("rebuild the table");
        });
        assertThatExceptionOfType(FlywayException.class).isThrownBy(flyway()::migrate);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "ALTER TABLE author ADD COLUMN g INTEGER NOT NULL DEFAULT (0);",
                "ALTER TABLE author ADD COLUMN g INTEGER NOT NULL DEFAULT -1;",
                "ALTER TABLE author ADD COLUMN g INTEGER NOT NULL DEFAULT +1;",
                "ALTER TABLE author ADD COLUMN g REAL NOT NULL DEFAULT -1.5e3;",
                "ALTER TABLE author ADD COLUMN g BLOB NOT NULL DEFAULT x'00ff';",
                "ALTER TABLE author ADD COLUMN g BOOLEAN NOT NULL DEFAULT TRUE;",
                "ALTER TABLE author ADD COLUMN g BOOLEAN NOT NULL DEFAULT false;",
                "ALTER TABLE author ADD COLUMN g TEXT COLLATE NOCASE;",
                "ALTER TABLE author ADD COLUMN g TEXT NOT NULL DEFAULT '' COLLATE NOCASE;",
                "ALTER TABLE author ADD COLUMN g INTEGER REFERENCES author(id);",
                "ALTER TABLE author ADD COLUMN g INTEGER REFERENCES author(id) ON DELETE SET NULL;",
                "ALTER TABLE author ADD COLUMN g INTEGER CHECK (g >= 0);",
                "ALTER TABLE author ADD COLUMN g INTEGER NOT NULL DEFAULT 0 CHECK (g >= 0);",
                "ALTER TABLE author ADD COLUMN g INTEGER AS (id * 2) VIRTUAL;",
                "ALTER TABLE \"author\" ADD \"primary\" INTEGER;",
                "ALTER TABLE main.author ADD COLUMN g TEXT;",
                "ALTER TABLE author ADD COLUMN email TEXT;",
                "ALTER TABLE author RENAME COLUMN name TO full_name;",
                "ALTER TABLE author RENAME name TO full_name;",
                "ALTER TABLE author RENAME TO writer;"
            })
    void acceptsAlterTableThatSqliteApplies(String alter) {
        authorTableWithOneRow();
        this.migrations.add("V2__alter.sql", alter + "\n");
        assertThat(this.lint.beforeMigrate(flyway())).isEmpty();
        assertThat(flyway().migrate().migrationsExecuted).isEqualTo(1);
    }

    @Test
    void acceptsAlterTableInScriptsWithTriggerBodies() {
        authorTableWithOneRow();
        // Replayed from a mail archive: an FTS5 table kept in sync by triggers, then a column with a default in ()
        this.migrations.add(
                "V2__search.sql",
                """
                CREATE VIRTUAL TABLE author_fts USING fts5(name, content='author', content_rowid='id');
                CREATE TRIGGER author_ai AFTER INSERT ON author BEGIN
                  INSERT INTO author_fts(rowid, name) VALUES (new.id, new.name);
                END;
                CREATE TRIGGER author_au AFTER UPDATE ON author BEGIN
                  INSERT INTO author_fts(author_fts, rowid, name) VALUES ('delete', old.id, old.name);
                  INSERT INTO author_fts(rowid, name) VALUES (new.id, new.name);
                  UPDATE author SET name = 'ALTER TABLE author MODIFY name' WHERE 0;
                END;
                ALTER TABLE author ADD COLUMN flags INTEGER NOT NULL DEFAULT (0);
                ALTER TABLE author DROP COLUMN flags;
                """);
        assertThat(this.lint.beforeMigrate(flyway())).isEmpty();
        assertThat(flyway().migrate().migrationsExecuted).isEqualTo(1);
    }

    @Test
    void acceptsFormsTheSqliteOnTheClasspathSupports() {
        // DROP CONSTRAINT is new in SQLite 3.53: lint follows the SQLite that will run the migration
        this.migrations.add(
                "V2__constraint.sql",
                """
                CREATE TABLE book (id INTEGER PRIMARY KEY, pages INTEGER, CONSTRAINT positive CHECK (pages > 0));
                ALTER TABLE book DROP CONSTRAINT positive;
                """);
        assertThat(this.lint.beforeMigrate(flyway())).isEmpty();
        assertThat(flyway().migrate().migrationsExecuted).isEqualTo(2);
    }

    @Test
    void reportsLineOfFindingAfterTriggerBody() {
        this.migrations.add(
                "V2__trigger.sql",
                """
                CREATE TABLE audit (name TEXT);
                CREATE TRIGGER author_audit AFTER INSERT ON author
                BEGIN
                  INSERT INTO audit VALUES (new.name);
                  INSERT INTO audit VALUES (CASE WHEN new.id > 0 THEN 'up' ELSE 'down' END);
                END;
                VACUUM;
                """);
        assertThat(this.lint.beforeMigrate(flyway())).singleElement().satisfies((finding) -> {
            assertThat(finding.rule()).isEqualTo(LintRule.VACUUM_IN_TRANSACTION);
            assertThat(finding.line()).isEqualTo(7);
        });
    }

    @Test
    void reportsLineOfFindingAfterDollarQuotedText() {
        this.migrations.add(
                "V2__dollar.sql",
                "INSERT INTO author (name) VALUES ($$it's;\nfine$$);\n\nALTER TABLE author MODIFY name TEXT;\n");
        assertThat(this.lint.beforeMigrate(flyway())).singleElement().satisfies((finding) -> {
            assertThat(finding.rule()).isEqualTo(LintRule.UNSUPPORTED_ALTER_TABLE);
            assertThat(finding.line()).isEqualTo(4);
            assertThat(finding.detail())
                    .isEqualTo("ALTER TABLE author MODIFY name TEXT (SQLite: near \"MODIFY\": syntax error)");
        });
    }

    @Test
    void reportsLineOfFindingAfterBracketedName() {
        this.migrations.add(
                "V2__bracket.sql",
                "CREATE TABLE [it's;\nodd] (id INTEGER);\nALTER TABLE [it's;\nodd] MODIFY id TEXT;\n");
        assertThat(this.lint.beforeMigrate(flyway())).singleElement().satisfies((finding) -> {
            assertThat(finding.rule()).isEqualTo(LintRule.UNSUPPORTED_ALTER_TABLE);
            assertThat(finding.line()).isEqualTo(3);
        });
    }

    @Test
    void lintsOnlyPendingMigrations() {
        this.migrations.add("V2__fk.sql", "PRAGMA foreign_keys = ON;\n");
        Flyway flyway = flyway();
        flyway.migrate();
        assertThat(this.lint.beforeMigrate(flyway())).isEmpty();
    }

    @Test
    void readsMigrationsFromTheClasspath() {
        Flyway flyway = Flyway.configure()
                .dataSource(this.dataSource)
                .locations("classpath:db/lint")
                .load();
        assertThat(this.lint.beforeMigrate(flyway)).singleElement().satisfies((finding) -> {
            assertThat(finding.source()).isEqualTo("V2__vacuum.sql");
            assertThat(finding.rule()).isEqualTo(LintRule.VACUUM_IN_TRANSACTION);
        });
    }

    @Test
    void findsForeignKeyViolationAfterMigrating() {
        this.migrations.add(
                "V2__books.sql",
                """
                CREATE TABLE book (id INTEGER PRIMARY KEY, author_id INTEGER REFERENCES author(id));
                INSERT INTO author (id, name) VALUES (1, 'Le Guin');
                INSERT INTO book (id, author_id) VALUES (1, 1), (2, 42), (3, 43);
                """);
        flyway().migrate();
        assertThat(this.lint.afterMigrate(this.dataSource)).singleElement().satisfies((finding) -> {
            assertThat(finding.rule()).isEqualTo(LintRule.FOREIGN_KEY_VIOLATION);
            assertThat(finding.source()).isEqualTo("table book");
            assertThat(finding.detail()).isEqualTo("book -> author: 2 orphan row(s), rowid 2, 3");
        });
    }

    @Test
    void findsNothingWhenForeignKeysHold() {
        flyway().migrate();
        assertThat(this.lint.afterMigrate(this.dataSource)).isEmpty();
    }

    @Test
    void failOnWarningStopsBeforeMigratingWithFileLineAndFix() {
        this.migrations.add("V2__vacuum.sql", "VACUUM;\n");
        MigrationLint strict = new MigrationLint(new LintSettings(true, LintFailOn.WARNING));
        Flyway flyway = flyway();
        assertThatExceptionOfType(LintException.class)
                .isThrownBy(() -> strict.beforeMigrate(flyway))
                .withMessageContaining("V2__vacuum.sql:1: VACUUM")
                .withMessageContaining("migration-guard.lint.fail-on=warning")
                .withMessageContaining("fix: move VACUUM");
        assertThat(flyway.info().applied()).isEmpty();
    }

    @Test
    void disabledLintFindsNothing() {
        this.migrations.add("V2__vacuum.sql", "VACUUM;\n");
        MigrationLint off = new MigrationLint(new LintSettings(false, LintFailOn.WARNING));
        assertThat(off.beforeMigrate(flyway())).isEmpty();
    }

    /**
     * Several of SQLite's ALTER TABLE refusals only apply to a table with rows.
     */
    private void authorTableWithOneRow() {
        flyway().migrate();
        new JdbcTemplate(this.dataSource).update("INSERT INTO author (name) VALUES ('Le Guin')");
    }

    private Flyway flyway() {
        return this.migrations.flyway(this.dataSource);
    }
}
