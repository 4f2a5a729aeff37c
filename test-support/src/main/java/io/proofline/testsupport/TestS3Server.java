package io.proofline.testsupport;

import java.net.URI;
import java.util.Properties;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.BlobStoreContext;

/**
 * A real S3 API server for tests: S3Proxy in this JVM on a free loopback port, over an in-memory
 * blob store, checking SigV4 signatures with {@link #ACCESS_KEY} and {@link #SECRET_KEY}. Any
 * process on the machine can use it through {@link #endpoint()}, as it would use MinIO or AWS.
 */
public final class TestS3Server implements AutoCloseable {

    public static final String ACCESS_KEY = "proofline-test";
    public static final String SECRET_KEY = "proofline-test-secret";

    private final BlobStoreContext blobs;
    private final S3Proxy server;

    private TestS3Server(BlobStoreContext blobs, S3Proxy server) {
        this.blobs = blobs;
        this.server = server;
    }

    /** Starts the server with the given buckets, empty. */
    public static TestS3Server start(String... buckets) throws Exception {
        BlobStoreContext blobs = ContextBuilder.newBuilder("transient").credentials("unused", "unused")
                .overrides(new Properties()).build(BlobStoreContext.class);
        S3Proxy server = S3Proxy.builder().blobStore(blobs.getBlobStore()).endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY).build();
        server.start();
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!"STARTED".equals(server.getState())) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("S3Proxy did not start within 30 s (state " + server.getState() + ")");
            }
            Thread.sleep(10);
        }
        for (String bucket : buckets) {
            blobs.getBlobStore().createContainerInLocation(null, bucket);
        }
        return new TestS3Server(blobs, server);
    }

    /** {@code http://127.0.0.1:<port>}, path-style, any region. */
    public String endpoint() {
        return "http://127.0.0.1:" + server.getPort();
    }

    /** The blobs themselves, to look behind the S3 API. */
    public BlobStore blobStore() {
        return blobs.getBlobStore();
    }

    @Override
    public void close() throws Exception {
        try {
            server.stop();
        } finally {
            blobs.close();
        }
    }
}
