package io.github.migrationguard.remote;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedMultipartUpload;
import software.amazon.awssdk.services.s3.model.CompletedPart;

/**
 * Receives an object's bytes and sends them in parts of a fixed size, holding one part in memory at a time. An object
 * that fits in one part goes in a single PUT; a larger one in a multipart upload that is completed only once every
 * part is in, so a reader never sees a partial object. An upload cut short is aborted.
 */
final class PartSink extends OutputStream {

    private final S3Client client;

    private final String bucket;

    private final String key;

    private final Map<String, String> metadata;

    private final byte[] part;

    private final List<CompletedPart> completed = new ArrayList<>();

    private int length;

    private String uploadId;

    private long sent;

    PartSink(S3Client client, String bucket, String key, Map<String, String> metadata, int partSize) {
        this.client = client;
        this.bucket = bucket;
        this.key = key;
        this.metadata = metadata;
        this.part = new byte[partSize];
    }

    @Override
    public void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int count) {
        int written = 0;
        while (written < count) {
            if (this.length == this.part.length) {
                sendPart();
            }
            int chunk = Math.min(count - written, this.part.length - this.length);
            System.arraycopy(bytes, offset + written, this.part, this.length, chunk);
            this.length += chunk;
            written += chunk;
        }
    }

    /**
     * Sends what is left and makes the object visible.
     * @return the object's size in bytes
     */
    long finish() {
        if (this.uploadId == null) {
            this.client.putObject((put) -> put.bucket(this.bucket).key(this.key).metadata(this.metadata), body());
            return this.length;
        }
        sendPart();
        this.client.completeMultipartUpload((complete) -> complete.bucket(this.bucket)
                .key(this.key)
                .uploadId(this.uploadId)
                .multipartUpload(
                        CompletedMultipartUpload.builder().parts(this.completed).build()));
        this.uploadId = null;
        return this.sent;
    }

    /**
     * Aborts a multipart upload that was started and not completed, so its parts do not linger in the bucket.
     */
    void abandon() {
        if (this.uploadId == null) {
            return;
        }
        try {
            this.client.abortMultipartUpload(
                    (abort) -> abort.bucket(this.bucket).key(this.key).uploadId(this.uploadId));
        } catch (RuntimeException ex) {
            // The server is likely unreachable; a lifecycle rule on incomplete uploads cleans up (docs/remote.md)
        }
        this.uploadId = null;
    }

    private void sendPart() {
        if (this.uploadId == null) {
            this.uploadId = this.client
                    .createMultipartUpload(
                            (create) -> create.bucket(this.bucket).key(this.key).metadata(this.metadata))
                    .uploadId();
        }
        int number = this.completed.size() + 1;
        String etag = this.client
                .uploadPart(
                        (upload) -> upload.bucket(this.bucket)
                                .key(this.key)
                                .uploadId(this.uploadId)
                                .partNumber(number)
                                .contentLength((long) this.length),
                        body())
                .eTag();
        this.completed.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
        this.sent += this.length;
        this.length = 0;
    }

    // Streams from the part buffer without copying it; the SDK may read it again when it retries
    private RequestBody body() {
        int size = this.length;
        byte[] bytes = this.part;
        return RequestBody.fromContentProvider(
                () -> new ByteArrayInputStream(bytes, 0, size), size, "application/octet-stream");
    }

    @Override
    public void close() throws IOException {
        // finish() or abandon() decide what becomes of the object; closing the compressor must not
    }
}
