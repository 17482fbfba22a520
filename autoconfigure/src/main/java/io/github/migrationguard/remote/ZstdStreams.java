package io.github.migrationguard.remote;

import com.github.luben.zstd.ZstdInputStream;
import com.github.luben.zstd.ZstdOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The only class that touches zstd-jni, so that nothing else fails to load when that optional library is absent.
 */
final class ZstdStreams {

    // Level 1: on SQLite pages it compresses about as well as level 3 for a quarter of the CPU (docs/benchmarks.md)
    private static final int LEVEL = 1;

    private ZstdStreams() {}

    static OutputStream compress(OutputStream out) throws IOException {
        return new ZstdOutputStream(out, LEVEL);
    }

    static InputStream decompress(InputStream in) throws IOException {
        return new ZstdInputStream(in);
    }
}
