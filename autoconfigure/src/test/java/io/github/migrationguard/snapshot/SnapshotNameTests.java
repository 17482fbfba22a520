package io.github.migrationguard.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class SnapshotNameTests {

    private static final Instant TIME = Instant.parse("2026-11-22T10:15:30.123456Z");

    @Test
    void preMigrateNameCarriesTheVersionStep() {
        assertThat(new SnapshotName(SnapshotLabel.PRE_MIGRATE, TIME, "v8-to-v10").fileName())
                .isEqualTo("pre-migrate-20261122T101530.123Z-v8-to-v10.db");
    }

    @Test
    void fromVersionIsTheVersionAPreMigrateSnapshotHolds() {
        assertThat(new SnapshotName(SnapshotLabel.PRE_MIGRATE, TIME, "v1.2-to-v1.10").fromVersion())
                .hasValue("1.2");
    }

    @Test
    void fromVersionIsEmptyWithoutAVersionStep() {
        assertThat(new SnapshotName(SnapshotLabel.MANUAL, TIME, "v3 backup").fromVersion())
                .isEmpty();
        assertThat(new SnapshotName(SnapshotLabel.PRE_RESTORE, TIME, null).fromVersion())
                .isEmpty();
    }

    @Test
    void manualNameCarriesASlugOfTheReason() {
        assertThat(new SnapshotName(SnapshotLabel.MANUAL, TIME, "Before Import!").fileName())
                .isEqualTo("manual-20261122T101530.123Z-before-import.db");
    }

    @Test
    void slugCannotEscapeTheDirectory() {
        assertThat(SnapshotName.slug("../../etc/passwd")).isEqualTo("etc-passwd");
        assertThat(SnapshotName.slug("..\\..\\windows")).isEqualTo("windows");
        assertThat(SnapshotName.slug("...")).isEmpty();
    }

    @Test
    void slugKeepsLettersOfEveryScript() {
        assertThat(SnapshotName.slug("héllo wörld 日本語")).isEqualTo("héllo-wörld-日本語");
        assertThat(SnapshotName.slug("Перед импортом")).isEqualTo("перед-импортом");
        assertThat(SnapshotName.slug("ümlaut ünd 'quotes'")).isEqualTo("ümlaut-ünd-quotes");
    }

    @Test
    void slugComposesDecomposedLetters() {
        assertThat(SnapshotName.slug("he\u0301llo")).isEqualTo("h\u00e9llo");
    }

    @Test
    void slugFitsAFileNameWithoutSplittingCharacters() {
        String slug = SnapshotName.slug("日本語".repeat(40) + " 😀😀😀");
        assertThat(slug.getBytes(java.nio.charset.StandardCharsets.UTF_8)).hasSizeLessThanOrEqualTo(120);
        assertThat(slug).isEqualTo("日本語".repeat(13) + "日");
    }

    @Test
    void parseReadsANameWithANonAsciiReason() {
        SnapshotName name = new SnapshotName(SnapshotLabel.MANUAL, TIME, "héllo wörld 日本語");
        assertThat(name.fileName()).isEqualTo("manual-20261122T101530.123Z-héllo-wörld-日本語.db");
        assertThat(SnapshotName.parse(name.fileName())).hasValue(name);
    }

    @Test
    void nameWithoutDetailHasNoTrailingDash() {
        assertThat(new SnapshotName(SnapshotLabel.SCHEDULED, TIME, "  ").fileName())
                .isEqualTo("scheduled-20261122T101530.123Z.db");
    }

    @Test
    void parseReadsWhatFileNameWrites() {
        SnapshotName name = new SnapshotName(SnapshotLabel.PRE_MIGRATE, TIME, "v1.2-to-v1.10");
        assertThat(SnapshotName.parse(name.fileName())).hasValue(name);
    }

    @Test
    void parseRejectsForeignAndPartialFiles() {
        assertThat(SnapshotName.parse("backup.db")).isEmpty();
        assertThat(SnapshotName.parse(".pre-migrate-20261122T101530.123Z.db.partial"))
                .isEmpty();
        assertThat(SnapshotName.parse("nightly-20261122T101530.123Z.db")).isEmpty();
        assertThat(SnapshotName.parse("pre-migrate-20261399T101530.123Z.db")).isEmpty();
    }

    @Test
    void partialNameIsHiddenAndMarked() {
        assertThat(new SnapshotName(SnapshotLabel.PRE_MIGRATE, TIME, null).partialFileName())
                .isEqualTo(".pre-migrate-20261122T101530.123Z.db.partial");
    }
}
