package org.rostersync.storage;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Context;
import jakarta.annotation.PreDestroy;
import org.rostersync.config.StartupRefusal;
import org.rostersync.config.StorageConfig;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The bucket deliveries and run archives live in, when {@code ROSTERSYNC_STORAGE_S3_ENDPOINT} is set; {@link #enabled()}
 * is false otherwise and nothing else may be called. Keys are given without the configured prefix, which this class
 * adds. Every failure of the storage is an {@link IOException} saying which operation on which key failed, so that the
 * callers' handling of a failing disk covers it. Created at start (it refuses the start when the bucket does not answer).
 */
@Context
public class ObjectStore {

    private final StorageConfig config;
    private final S3Client s3;
    private final String prefix;
    private final MeterRegistry registry;
    /** Files larger than this are stored in parts of this size (S3's smallest part is 5 MiB). */
    private final long partBytes;

    /** The size of the parts a large file is stored in: the memory one upload's storing takes. */
    static final long PART_BYTES = 8L << 20;

    @jakarta.inject.Inject
    ObjectStore(StorageConfig config, MeterRegistry registry) {
        this(config, registry, PART_BYTES);
    }

    ObjectStore(StorageConfig config, MeterRegistry registry, long partBytes) {
        this.partBytes = partBytes;
        this.config = config;
        this.registry = registry;
        this.prefix = config.keyPrefix();
        if (!config.enabled()) {
            this.s3 = null;
            return;
        }
        this.s3 = S3Client.builder()
                .endpointOverride(URI.create(config.endpoint().strip()))
                .region(Region.of(config.region().strip()))
                .forcePathStyle(config.pathStyle())
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(config.accessKeyId().strip(), config.secretAccessKey().strip())))
                // checksums only where S3 requires them: servers other than AWS (s3proxy, older MinIO) refuse the
                // trailing checksums the SDK sends by default; our own SHA-256 checks every byte anyway
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .httpClient(UrlConnectionHttpClient.builder().connectionTimeout(Duration.ofSeconds(10))
                        .socketTimeout(Duration.ofSeconds(60)).build())
                .build();
        try {
            check();
        } catch (IOException e) {
            s3.close();
            throw new StartupRefusal(e.getMessage());
        }
    }

    /** True when deliveries and archives live in the bucket. */
    public boolean enabled() {
        return s3 != null;
    }

    /** Where the objects are, for messages and logs: the endpoint, bucket and prefix. */
    public String where() {
        return config.endpoint() + ", bucket " + config.bucket() + (prefix.isEmpty() ? "" : ", prefix " + prefix);
    }

    /**
     * Whether the bucket answers with these credentials (a HEAD of the bucket).
     *
     * @throws IOException naming the setting to look at
     */
    public void check() throws IOException {
        try {
            call("check", () -> s3.headBucket(b -> b.bucket(config.bucket())));
        } catch (IOException e) {
            SdkException cause = (SdkException) e.getCause();
            int status = cause instanceof SdkServiceException service ? service.statusCode() : 0;
            String setting = switch (status) {
                case 404 -> "the bucket " + config.bucket() + " does not exist (ROSTERSYNC_STORAGE_S3_BUCKET)";
                case 401, 403 -> "the access key was refused (ROSTERSYNC_STORAGE_S3_ACCESS_KEY_ID,"
                        + " ROSTERSYNC_STORAGE_S3_SECRET_ACCESS_KEY), or it may not read the bucket " + config.bucket();
                case 0 -> "the endpoint " + config.endpoint() + " did not answer (ROSTERSYNC_STORAGE_S3_ENDPOINT)";
                default -> "the endpoint " + config.endpoint() + " answered " + status + " for the bucket " + config.bucket()
                        + " (ROSTERSYNC_STORAGE_S3_ENDPOINT, ROSTERSYNC_STORAGE_S3_BUCKET)";
            };
            throw new IOException("object storage: " + setting + ": " + cause.getMessage(), cause);
        }
    }

    /** Whether the bucket answers now: {@link #check} for a health probe, which only says so. */
    public boolean answers() {
        try {
            check();
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Whether an object of that key exists. */
    public boolean exists(String key) throws IOException {
        try {
            call("head", () -> s3.headObject(b -> b.bucket(config.bucket()).key(prefix + key)));
            return true;
        } catch (IOException e) {
            if (e.getCause() instanceof SdkServiceException service && service.statusCode() == 404) {
                return false;
            }
            throw e;
        }
    }

    /**
     * Stores the file's bytes under the key, replacing any object of that key. A file larger than one part goes in parts
     * ({@link #PART_BYTES} each): the JDK's HTTP client under the SDK holds a request's whole body in memory, so one
     * request of a 500 MB upload would hold 500 MB of heap.
     */
    public void put(String key, Path file) throws IOException {
        long size = java.nio.file.Files.size(file);
        if (size <= partBytes) {
            call("put", () -> s3.putObject(b -> b.bucket(config.bucket()).key(prefix + key), RequestBody.fromFile(file)));
            return;
        }
        String upload = call("put", () -> s3.createMultipartUpload(b -> b.bucket(config.bucket()).key(prefix + key))).uploadId();
        try (java.nio.channels.FileChannel in = java.nio.channels.FileChannel.open(file)) {
            List<CompletedPart> parts = new ArrayList<>();
            for (long offset = 0; offset < size; offset += partBytes) {
                int number = parts.size() + 1;
                int length = (int) Math.min(partBytes, size - offset);
                java.nio.ByteBuffer part = java.nio.ByteBuffer.allocate(length);
                while (part.hasRemaining() && in.read(part, offset + part.position()) >= 0) {
                    // read the part whole
                }
                part.flip();
                String etag = call("put", () -> s3.uploadPart(b -> b.bucket(config.bucket()).key(prefix + key).uploadId(upload)
                        .partNumber(number), RequestBody.fromByteBuffer(part))).eTag();
                parts.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
            }
            call("put", () -> s3.completeMultipartUpload(b -> b.bucket(config.bucket()).key(prefix + key).uploadId(upload)
                    .multipartUpload(m -> m.parts(parts))));
        } catch (IOException | RuntimeException e) {
            try {
                call("delete", () -> s3.abortMultipartUpload(b -> b.bucket(config.bucket()).key(prefix + key).uploadId(upload)));
            } catch (IOException abortFailed) {
                e.addSuppressed(abortFailed); // the bucket's lifecycle rule for incomplete uploads takes it
            }
            throw e;
        }
    }

    /** Stores the bytes under the key, replacing any object of that key. */
    public void put(String key, byte[] bytes) throws IOException {
        call("put", () -> s3.putObject(b -> b.bucket(config.bucket()).key(prefix + key), RequestBody.fromBytes(bytes)));
    }

    /** The object's bytes, for a small object; empty when there is none. */
    public Optional<byte[]> read(String key) throws IOException {
        try {
            ResponseBytes<GetObjectResponse> bytes = call("get", () -> s3.getObjectAsBytes(b -> b.bucket(config.bucket())
                    .key(prefix + key)));
            return Optional.of(bytes.asByteArray());
        } catch (IOException e) {
            if (e.getCause() instanceof NoSuchKeyException) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** The object's bytes as a stream the caller closes; empty when there is none. */
    public Optional<InputStream> open(String key) throws IOException {
        try {
            return Optional.of(call("get", () -> s3.getObject(b -> b.bucket(config.bucket()).key(prefix + key),
                    ResponseTransformer.toInputStream())));
        } catch (IOException e) {
            if (e.getCause() instanceof NoSuchKeyException) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** Removes the object; none of that key is not an error. */
    public void delete(String key) throws IOException {
        call("delete", () -> s3.deleteObject(b -> b.bucket(config.bucket()).key(prefix + key)));
    }

    /** An object: its key (without the configured prefix) and when it was last written. */
    public record Listed(String key, Instant lastModified) {
    }

    /** Every object whose key starts with {@code keyPrefix}, page after page. */
    public List<Listed> list(String keyPrefix) throws IOException {
        List<Listed> out = new ArrayList<>();
        call("list", () -> {
            for (S3Object o : s3.listObjectsV2Paginator(b -> b.bucket(config.bucket()).prefix(prefix + keyPrefix)).contents()) {
                out.add(new Listed(o.key().substring(prefix.length()), o.lastModified()));
            }
            return null;
        });
        return out;
    }

    /** Runs one operation on the storage, counting it, with a failure turned into an IOException that names it. */
    private <T> T call(String operation, Supplier<T> work) throws IOException {
        try {
            T result = work.get();
            count(operation, "ok");
            return result;
        } catch (SdkException e) {
            boolean missing = e instanceof SdkServiceException service && service.statusCode() == 404;
            count(operation, missing ? "not_found" : "failed");
            throw new IOException("object storage (" + where() + "): " + operation + " failed: " + e.getMessage(), e);
        }
    }

    private void count(String operation, String result) {
        Counter.builder("rostersync.storage.operations").description("Object storage operations, by operation and result")
                .tag("operation", operation).tag("result", result).register(registry).increment();
    }

    @PreDestroy
    void close() {
        if (s3 != null) {
            s3.close();
        }
    }
}
