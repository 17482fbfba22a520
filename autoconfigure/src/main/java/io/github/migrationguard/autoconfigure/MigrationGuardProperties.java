package io.github.migrationguard.autoconfigure;

import io.github.migrationguard.heal.HealMode;
import io.github.migrationguard.lint.LintFailOn;
import io.github.migrationguard.remote.Compression;
import io.github.migrationguard.remote.RemoteSettings;
import io.github.migrationguard.snapshot.SnapshotMethod;
import io.github.migrationguard.snapshot.SnapshotWhen;
import io.github.migrationguard.snapshot.Verification;
import java.io.File;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Configuration properties for migration-guard. Setters only assign, as Spring Boot's own do: values are checked, and
 * trimmed, once at startup where they become the starter's settings, so that a bad one fails with Spring Boot's report
 * naming the property, the value and what is allowed.
 */
@ConfigurationProperties("migration-guard")
public class MigrationGuardProperties {

    /**
     * Whether migration-guard does anything at all.
     */
    private boolean enabled = true;

    private final Snapshot snapshot = new Snapshot();

    private final SelfHeal selfHeal = new SelfHeal();

    private final Restore restore = new Restore();

    private final Rehearse rehearse = new Rehearse();

    private final Schedule schedule = new Schedule();

    private final Health health = new Health();

    private final Lint lint = new Lint();

    private final Remote remote = new Remote();

    public boolean isEnabled() {
        return this.enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public Snapshot getSnapshot() {
        return this.snapshot;
    }

    public SelfHeal getSelfHeal() {
        return this.selfHeal;
    }

    public Restore getRestore() {
        return this.restore;
    }

    public Rehearse getRehearse() {
        return this.rehearse;
    }

    public Schedule getSchedule() {
        return this.schedule;
    }

    public Health getHealth() {
        return this.health;
    }

    public Lint getLint() {
        return this.lint;
    }

    public Remote getRemote() {
        return this.remote;
    }

    public static class Snapshot {

        /**
         * Whether to snapshot the database before migrating.
         */
        private boolean enabled = true;

        /**
         * Number of snapshots kept per label; 0 disables snapshots.
         */
        private int keep = 5;

        /**
         * Directory snapshots are written to. Defaults to 'backups' beside the database file.
         */
        private File dir;

        /**
         * When to take a snapshot at startup: only when migrations are pending, or always.
         */
        private SnapshotWhen when = SnapshotWhen.PENDING;

        /**
         * How the database is copied.
         */
        private SnapshotMethod method = SnapshotMethod.AUTO;

        /**
         * How a snapshot is verified before it is given its final name.
         */
        private Verification verify = Verification.QUICK;

        /**
         * What to do when a snapshot cannot be taken: continue (log and go on) or abort (fail startup).
         */
        private OnFailure onFailure = OnFailure.CONTINUE;

        /**
         * Free space the backup directory must keep after the snapshot; below it the snapshot is not attempted.
         */
        private DataSize minFreeSpace = DataSize.ofBytes(0);

        public boolean isEnabled() {
            return this.enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public int getKeep() {
            return this.keep;
        }

        public void setKeep(int keep) {
            this.keep = keep;
        }

        public File getDir() {
            return this.dir;
        }

        public void setDir(File dir) {
            this.dir = dir;
        }

        public SnapshotWhen getWhen() {
            return this.when;
        }

        public void setWhen(SnapshotWhen when) {
            this.when = when;
        }

        public SnapshotMethod getMethod() {
            return this.method;
        }

        public void setMethod(SnapshotMethod method) {
            this.method = method;
        }

        public Verification getVerify() {
            return this.verify;
        }

        public void setVerify(Verification verify) {
            this.verify = verify;
        }

        public OnFailure getOnFailure() {
            return this.onFailure;
        }

        public void setOnFailure(OnFailure onFailure) {
            this.onFailure = onFailure;
        }

        public DataSize getMinFreeSpace() {
            return this.minFreeSpace;
        }

        public void setMinFreeSpace(DataSize minFreeSpace) {
            this.minFreeSpace = minFreeSpace;
        }

        /**
         * What to do when a snapshot fails.
         */
        public enum OnFailure {

            /**
             * Log, record and go on with the migration.
             */
            CONTINUE,

            /**
             * Fail startup.
             */
            ABORT
        }
    }

    public static class SelfHeal {

        /**
         * Whether to heal checksum drift of applied migrations.
         */
        private boolean enabled = true;

        /**
         * Versions certified idempotent, whose checksum drift is healed.
         */
        private List<String> versions = new ArrayList<>();

        /**
         * How a certified migration is healed: realign the stored checksum, or re-run it and then realign.
         */
        private HealMode mode = HealMode.REALIGN;

        /**
         * Whether drift that only touches whitespace and comments heals without being listed.
         */
        private boolean fingerprint = true;

        /**
         * Name of the table that stores migration fingerprints.
         */
        private String fingerprintTable = "migration_guard_fingerprint";

        public boolean isEnabled() {
            return this.enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public List<String> getVersions() {
            return this.versions;
        }

        public void setVersions(List<String> versions) {
            this.versions = versions;
        }

        public HealMode getMode() {
            return this.mode;
        }

        public void setMode(HealMode mode) {
            this.mode = mode;
        }

        public boolean isFingerprint() {
            return this.fingerprint;
        }

        public void setFingerprint(boolean fingerprint) {
            this.fingerprint = fingerprint;
        }

        public String getFingerprintTable() {
            return this.fingerprintTable;
        }

        public void setFingerprintTable(String fingerprintTable) {
            this.fingerprintTable = fingerprintTable;
        }
    }

    public static class Restore {

        /**
         * Whether a failed migration restores the snapshot taken in the same run.
         */
        private boolean onFailure = true;

        /**
         * Snapshot to restore at startup: 'latest' or a snapshot file name in the backup directory.
         */
        private String from;

        /**
         * Whether a missing database file is restored from the newest snapshot (local, then the bucket) before
         * migrating.
         */
        private boolean ifMissing = false;

        /**
         * Whether a restore request that was already carried out is carried out again.
         */
        private boolean force = false;

        /**
         * Whether an older build started on a newer database restores the pre-migrate snapshot taken when that
         * database left the build's version.
         */
        private boolean onDowngrade = false;

        public boolean isIfMissing() {
            return this.ifMissing;
        }

        public void setIfMissing(boolean ifMissing) {
            this.ifMissing = ifMissing;
        }

        public boolean isOnFailure() {
            return this.onFailure;
        }

        public void setOnFailure(boolean onFailure) {
            this.onFailure = onFailure;
        }

        public String getFrom() {
            return this.from;
        }

        public void setFrom(String from) {
            this.from = from;
        }

        public boolean isForce() {
            return this.force;
        }

        public void setForce(boolean force) {
            this.force = force;
        }

        public boolean isOnDowngrade() {
            return this.onDowngrade;
        }

        public void setOnDowngrade(boolean onDowngrade) {
            this.onDowngrade = onDowngrade;
        }
    }

    public static class Rehearse {

        /**
         * Whether to run pending migrations against a throwaway copy first.
         */
        private boolean enabled = false;

        public boolean isEnabled() {
            return this.enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }
    }

    public static class Schedule {

        /**
         * Cron expression for periodic 'scheduled' snapshots while the application runs.
         */
        private String cron;

        /**
         * Number of scheduled snapshots kept.
         */
        private int keep = 14;

        public String getCron() {
            return this.cron;
        }

        public void setCron(String cron) {
            this.cron = cron;
        }

        public int getKeep() {
            return this.keep;
        }

        public void setKeep(int keep) {
            this.keep = keep;
        }
    }

    public static class Health {

        /**
         * Free space below which the backup directory makes health DOWN.
         */
        private DataSize minFreeSpace = DataSize.ofMegabytes(100);

        public DataSize getMinFreeSpace() {
            return this.minFreeSpace;
        }

        public void setMinFreeSpace(DataSize minFreeSpace) {
            this.minFreeSpace = minFreeSpace;
        }
    }

    public static class Lint {

        /**
         * Whether to lint pending migrations and check foreign keys after migrating.
         */
        private boolean enabled = true;

        /**
         * Whether a lint finding stops startup: never, or on any warning.
         */
        private LintFailOn failOn = LintFailOn.NEVER;

        public boolean isEnabled() {
            return this.enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public LintFailOn getFailOn() {
            return this.failOn;
        }

        public void setFailOn(LintFailOn failOn) {
            this.failOn = failOn;
        }
    }

    public static class Remote {

        /**
         * Bucket and prefix to copy snapshots to, as s3://bucket/prefix; unset: no copies off the machine.
         */
        private String uri;

        /**
         * URL of an S3-compatible server; unset: AWS.
         */
        private URI endpoint;

        /**
         * Region; unset: the AWS SDK's default region chain.
         */
        private String region;

        /**
         * Whether to use path-style addressing (most S3-compatible servers need it).
         */
        private boolean pathStyle = false;

        /**
         * Static access key; unset: the application's S3Client bean or the AWS SDK's default credentials chain.
         */
        private String accessKey;

        /**
         * Static secret key; never logged or shown.
         */
        private String secretKey;

        /**
         * Labels of the snapshots that are copied.
         */
        private List<String> labels = new ArrayList<>(List.of("pre-migrate", "manual", "scheduled"));

        /**
         * Objects kept per label in the bucket.
         */
        private int keep = 30;

        /**
         * What a failed copy does: 'continue' copies in the background and reports failures, 'abort' requires the
         * pre-migrate snapshot in the bucket before migrating.
         */
        private OnFailure onFailure = OnFailure.CONTINUE;

        /**
         * How objects are compressed: 'none', 'gzip' or 'zstd' (zstd needs com.github.luben:zstd-jni).
         */
        private Compression compression = RemoteSettings.DEFAULT_COMPRESSION;

        public String getUri() {
            return this.uri;
        }

        public void setUri(String uri) {
            this.uri = uri;
        }

        public URI getEndpoint() {
            return this.endpoint;
        }

        public void setEndpoint(URI endpoint) {
            this.endpoint = endpoint;
        }

        public String getRegion() {
            return this.region;
        }

        public void setRegion(String region) {
            this.region = region;
        }

        public boolean isPathStyle() {
            return this.pathStyle;
        }

        public void setPathStyle(boolean pathStyle) {
            this.pathStyle = pathStyle;
        }

        public String getAccessKey() {
            return this.accessKey;
        }

        public void setAccessKey(String accessKey) {
            this.accessKey = accessKey;
        }

        public String getSecretKey() {
            return this.secretKey;
        }

        public void setSecretKey(String secretKey) {
            this.secretKey = secretKey;
        }

        public List<String> getLabels() {
            return this.labels;
        }

        public void setLabels(List<String> labels) {
            this.labels = labels;
        }

        public int getKeep() {
            return this.keep;
        }

        public void setKeep(int keep) {
            this.keep = keep;
        }

        public OnFailure getOnFailure() {
            return this.onFailure;
        }

        public void setOnFailure(OnFailure onFailure) {
            this.onFailure = onFailure;
        }

        public Compression getCompression() {
            return this.compression;
        }

        public void setCompression(Compression compression) {
            this.compression = compression;
        }

        /**
         * What a failed copy to the bucket does.
         */
        public enum OnFailure {

            /**
             * Copy in the background; report failures in health, metrics and logs.
             */
            CONTINUE,

            /**
             * Require the pre-migrate snapshot in the bucket before migrating, or fail startup.
             */
            ABORT
        }
    }
}
