package io.github.migrationguard.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.migrationguard.snapshot.SnapshotAttempt;
import io.github.migrationguard.snapshot.SnapshotLabel;
import io.github.migrationguard.strategy.LiveSnapshots;
import io.github.migrationguard.testing.GuardContextRunners;
import io.github.migrationguard.testing.Migrations;
import io.github.migrationguard.testing.TestDatabases;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * Snapshots taken while the application runs use a connection of their own: with a pool of one connection (as
 * recommended for SQLite) that the application holds, they still complete, and the application keeps using its
 * connection meanwhile. The pool gives up on a second connection after two seconds, so a snapshot that borrowed one
 * would fail here.
 */
class LiveSnapshotConnectionTests {

    @TempDir
    Path temp;

    private ApplicationContextRunner contextRunner;

    @BeforeEach
    void application() {
        Migrations migrations = new Migrations(this.temp.resolve("migrations"))
                .add("V1__books.sql", "CREATE TABLE book (id INTEGER PRIMARY KEY, title TEXT NOT NULL);");
        this.contextRunner =
                GuardContextRunners.sqlite(this.temp.resolve("app.db") + "?journal_mode=WAL", migrations.location());
    }

    @Test
    void manualSnapshotCompletesWhileTheApplicationHoldsItsOnlyPooledConnection() {
        this.contextRunner.run((context) -> {
            try (Connection held = context.getBean(DataSource.class).getConnection()) {
                SnapshotAttempt attempt = context.getBean(LiveSnapshots.class).take(SnapshotLabel.MANUAL, "held", 5);
                assertThat(attempt.outcome()).as(attempt.message()).isEqualTo(SnapshotAttempt.Outcome.SUCCESS);
                assertThat(TestDatabases.integrityCheck(attempt.snapshot().file()))
                        .containsExactly("ok");
            }
        });
    }

    @Test
    void applicationWritesThroughItsOnlyConnectionWhileAScheduledSnapshotIsTaken() {
        this.contextRunner.run((context) -> {
            LiveSnapshots snapshots = context.getBean(LiveSnapshots.class);
            try (Connection app = context.getBean(DataSource.class).getConnection();
                    Statement statement = app.createStatement()) {
                app.setAutoCommit(false);
                statement.executeUpdate("INSERT INTO book (title) VALUES ('uncommitted while snapshotting')");
                CompletableFuture<SnapshotAttempt> snapshot =
                        CompletableFuture.supplyAsync(() -> snapshots.take(SnapshotLabel.SCHEDULED, null, 5));
                SnapshotAttempt attempt = snapshot.get(60, TimeUnit.SECONDS);
                try (ResultSet rows = statement.executeQuery("SELECT count(*) FROM book")) {
                    assertThat(rows.next()).isTrue();
                    assertThat(rows.getInt(1)).isEqualTo(1);
                }
                app.commit();
                assertThat(attempt.outcome()).as(attempt.message()).isEqualTo(SnapshotAttempt.Outcome.SUCCESS);
                assertThat(TestDatabases.dump(attempt.snapshot().file()))
                        .noneMatch((row) -> row.contains("uncommitted while snapshotting"));
            }
        });
    }
}
