package org.rostersync.support;

import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.BlobStoreContext;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * A real S3-compatible server in the test JVM (s3proxy over jclouds' in-memory blobstore), on 127.0.0.1 and a free
 * port, with one bucket and one access key. It can be stopped and started again on the same port with the same objects,
 * as a storage that goes away for a while.
 */
public final class S3Server implements AutoCloseable {

    public static final String BUCKET = "rostersync-test";
    public static final String ACCESS_KEY = "test-access-key";
    public static final String SECRET_KEY = "test-secret-key";

    private final BlobStoreContext context;
    private final BlobStore blobs;
    private S3Proxy proxy;
    private int port;

    private S3Server() {
        context = ContextBuilder.newBuilder("transient").credentials("identity", "credential").build(BlobStoreContext.class);
        blobs = context.getBlobStore();
        blobs.createContainerInLocation(null, BUCKET);
    }

    /** Starts a server with an empty bucket {@link #BUCKET}. */
    public static S3Server start() {
        S3Server server = new S3Server();
        server.listen(0);
        return server;
    }

    private void listen(int onPort) {
        proxy = S3Proxy.builder().blobStore(blobs).endpoint(URI.create("http://127.0.0.1:" + onPort))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY).build();
        try {
            proxy.start();
            Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
            while (!"STARTED".equals(proxy.getState())) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("s3proxy did not start: " + proxy.getState());
                }
                Thread.sleep(5);
            }
        } catch (Exception e) {
            throw new IllegalStateException("s3proxy did not start", e);
        }
        port = proxy.getPort();
    }

    /** The server stops answering (connections are refused) until {@link #resume}; its objects are kept. */
    public void pause() {
        try {
            proxy.stop();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Answers again, on the same port, with the objects it had. */
    public void resume() {
        listen(port);
    }

    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    /** Settings of rostersync for this server, its objects' keys under {@code prefix}. */
    public Map<String, Object> settings(String prefix) {
        Map<String, Object> s = new HashMap<>();
        s.put("rostersync.storage.endpoint", endpoint());
        s.put("rostersync.storage.bucket", BUCKET);
        s.put("rostersync.storage.region", "us-east-1");
        s.put("rostersync.storage.access-key-id", ACCESS_KEY);
        s.put("rostersync.storage.secret-access-key", SECRET_KEY);
        s.put("rostersync.storage.prefix", prefix);
        return s;
    }

    /** The objects' keys in the bucket that start with the prefix. */
    public java.util.Set<String> keys(String prefix) {
        java.util.Set<String> keys = new java.util.TreeSet<>();
        for (var meta : blobs.list(BUCKET, org.jclouds.blobstore.options.ListContainerOptions.Builder.prefix(prefix).recursive())) {
            keys.add(meta.getName());
        }
        return keys;
    }

    @Override
    public void close() {
        pause();
        context.close();
    }
}
