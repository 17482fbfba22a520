package io.github.migrationguard.lint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.github.migrationguard.testing.Migrations;
import io.github.migrationguard.testing.TestDatabases;
import java.nio.file.Path;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
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
    void warnsAboutAlterColumn() {
        assertThat(alterTableFinding("ALTER TABLE author ALTER COLUMN name TYPE VARCHAR(200);"))
                .isTrue();
    }

    @Test
    void warnsAboutDropConstraint() {
        assertThat(alterTableFinding("ALTER TABLE author DROP CONSTRAINT author_name_key;"))
                .isTrue();
    }

    @Test
    void warnsAboutAddConstraint() {
        assertThat(alterTableFinding("ALTER TABLE author\n  ADD CONSTRAINT author_name UNIQUE (name);"))
                .isTrue();
    }

    @Test
    void warnsAboutAddingPrimaryKeyColumn() {
        assertThat(alterTableFinding("ALTER TABLE author ADD COLUMN code INTEGER PRIMARY KEY;"))
                .isTrue();
    }

    @Test
    void warnsAboutAddingUniqueColumn() {
        assertThat(alterTableFinding("ALTER TABLE author ADD email TEXT UNIQUE;"))
                .isTrue();
    }

    @Test
    void warnsAboutAddingNotNullColumnWithoutDefault() {
        assertThat(alterTableFinding("ALTER TABLE author ADD COLUMN born INTEGER NOT NULL;"))
                .isTrue();
    }

    @Test
    void warnsAboutAddingColumnWithNonConstantDefault() {
        assertThat(alterTableFinding("ALTER TABLE author ADD COLUMN created TEXT DEFAULT CURRENT_TIMESTAMP;"))
                .isTrue();
    }

    @Test
    void warnsAboutModify() {
        assertThat(alterTableFinding("ALTER TABLE author MODIFY name VARCHAR(200);"))
                .isTrue();
    }

    @Test
    void acceptsAlterTableFormsSqliteSupports() {
        this.migrations.add(
                "V2__supported.sql",
                """
                ALTER TABLE author ADD COLUMN email TEXT;
                ALTER TABLE author ADD born INTEGER NOT NULL DEFAULT 0;
                ALTER TABLE author RENAME COLUMN email TO mail;
                ALTER TABLE author RENAME born TO year;
                ALTER TABLE author DROP COLUMN year;
                ALTER TABLE author RENAME TO writer;
                INSERT INTO writer (name) VALUES ('ALTER TABLE x ALTER COLUMN y; -- not a statement');
                """);
        Flyway flyway = flyway();
        assertThat(this.lint.beforeMigrate(flyway)).isEmpty();
        assertThat(flyway.migrate().migrationsExecuted).isEqualTo(2);
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
            assertThat(finding.detail()).isEqualTo("ALTER TABLE author MODIFY name TEXT");
        });
    }

    @Test
    void reportsLineOfFindingAfterBracketedName() {
        this.migrations.add(
                "V2__bracket.sql",
                "CREATE TABLE [it's;\nodd] (id INTEGER);\nALTER TABLE [it's;\nodd] DROP CONSTRAINT pk;\n");
        assertThat(this.lint.beforeMigrate(flyway())).singleElement().satisfies((finding) -> {
            assertThat(finding.rule()).isEqualTo(LintRule.UNSUPPORTED_ALTER_TABLE);
            assertThat(finding.line()).isEqualTo(3);
        });
    }

    @Test
    void unsupportedAlterTableReallyFailsOnSqlite() {
        this.migrations.add("V2__alter.sql", "ALTER TABLE author ALTER COLUMN name TYPE VARCHAR(200);\n");
        Flyway flyway = flyway();
        assertThat(this.lint.beforeMigrate(flyway)).hasSize(1);
        assertThatExceptionOfType(org.flywaydb.core.api.FlywayException.class).isThrownBy(flyway::migrate);
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

    private boolean alterTableFinding(String sql) {
        this.migrations.add("V2__alter.sql", sql + "\n");
        List<LintFinding> findings = this.lint.beforeMigrate(flyway());
        assertThat(findings).singleElement().satisfies((finding) -> {
            assertThat(finding.source()).isEqualTo("V2__alter.sql");
            assertThat(finding.line()).isEqualTo(1);
            assertThat(finding.message()).contains("rebuild the table");
        });
        return findings.get(0).rule() == LintRule.UNSUPPORTED_ALTER_TABLE;
    }

    private Flyway flyway() {
        return this.migrations.flyway(this.dataSource);
    }
}
