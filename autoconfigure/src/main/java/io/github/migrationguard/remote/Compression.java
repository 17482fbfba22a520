package io.github.migrationguard.remote;

import io.github.migrationguard.values.EnumValues;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.Optional;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * How a snapshot is compressed on its way to the bucket; the suffix of the object key says which.
 */
public enum Compression {

    /**
     * Stored as it is.
     */
    NONE(""),

    /**
     * gzip, from the JDK, at its fastest level: SQLite pages compress well even then (docs/benchmarks.md).
     */
    GZIP(".gz"),

    /**
     * Zstandard at level 1, through {@code com.github.luben:zstd-jni}, which the application must add.
     */
    ZSTD(".zst");

    private static final String ZSTD_CLASS = "com.github.luben.zstd.ZstdOutputStream";

    private final String suffix;

    Compression(String suffix) {
        this.suffix = suffix;
    }

    public String suffix() {
        return this.suffix;
    }

    /**
     * Returns the value as properties spell it.
     * @return for example {@code gzip}
     */
    public String value() {
        return EnumValues.of(this);
    }

    /**
     * Whether the library this compression needs is on the class path.
     * @param classLoader the application's class loader
     * @return whether it can be used
     */
    public boolean available(ClassLoader classLoader) {
        if (this != ZSTD) {
            return true;
        }
        try {
            Class.forName(ZSTD_CLASS, false, classLoader);
            return true;
        } catch (ClassNotFoundException | LinkageError ex) {
            return false;
        }
    }

    /**
     * Wraps a stream so that what is written to it reaches the given one compressed.
     * @param out where compressed bytes go
     * @return the compressing stream; closing it closes {@code out}
     * @throws IOException when the stream cannot be set up
     */
    public OutputStream compress(OutputStream out) throws IOException {
        return switch (this) {
            case NONE -> out;
            case GZIP -> new FastGzipOutputStream(out);
            case ZSTD -> ZstdStreams.compress(out);
        };
    }

    /**
     * Wraps a stream of compressed bytes so that reading it yields the original bytes.
     * @param in the compressed bytes
     * @return the decompressing stream
     * @throws IOException when the stream cannot be set up
     */
    public InputStream decompress(InputStream in) throws IOException {
        return switch (this) {
            case NONE -> in;
            case GZIP -> new GZIPInputStream(in, 64 * 1024);
            case ZSTD -> ZstdStreams.decompress(in);
        };
    }

    /**
     * Finds the compression an object key ends with.
     * @param key the object key
     * @return the compression; {@link #NONE} when the key has no known suffix
     */
    public static Compression ofKey(String key) {
        return Arrays.stream(values())
                .filter((compression) -> compression != NONE && key.endsWith(compression.suffix))
                .findFirst()
                .orElse(NONE);
    }

    /**
     * Parses a value as properties spell it.
     * @param value for example {@code zstd}
     * @return the compression, or empty when unknown
     */
    public static Optional<Compression> of(String value) {
        return Arrays.stream(values())
                .filter((compression) -> compression.value().equalsIgnoreCase(value.trim()))
                .findFirst();
    }

    private static final class FastGzipOutputStream extends GZIPOutputStream {

        FastGzipOutputStream(OutputStream out) throws IOException {
            super(out, 64 * 1024);
            this.def.setLevel(Deflater.BEST_SPEED);
        }
    }
}
