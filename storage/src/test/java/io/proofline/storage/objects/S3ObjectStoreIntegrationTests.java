package io.proofline.storage.objects;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.proofline.testsupport.TestS3Server;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The S3 store against a real S3 API server ({@link TestS3Server}: S3Proxy on a loopback port,
 * with SigV4 authentication). Requests go over HTTP through the AWS SDK as they would to AWS,
 * MinIO or Ceph.
 */
class S3ObjectStoreIntegrationTests {

    private static final String ACCESS_KEY = TestS3Server.ACCESS_KEY;
    private static final String SECRET_KEY = TestS3Server.SECRET_KEY;
    private static final String BUCKET = "proofline-objects";

    static TestS3Server server;
    static S3ObjectStore store;
    static S3ObjectStore otherDeployment;

    @BeforeAll
    static void startServer() throws Exception {
        server = TestS3Server.start(BUCKET);
        store = S3ObjectStore.connect(settings("", ACCESS_KEY, SECRET_KEY));
        otherDeployment = S3ObjectStore.connect(settings("deployment-2/", ACCESS_KEY, SECRET_KEY));
    }

    @AfterAll
    static void stopServer() throws Exception {
        store.close();
        otherDeployment.close();
        server.close();
    }

    private static S3Settings settings(String prefix, String accessKey, String secretKey) {
        return new S3Settings(BUCKET, prefix, server.endpoint(), "us-east-1", true, accessKey, secretKey);
    }

    @Test
    void roundTripsAndRecordsTheHashInTheObjectsMetadata() {
        // given some bytes
        byte[] data = "a circuit instance".getBytes(StandardCharsets.UTF_8);

        // when they are put and read back
        StoredObject stored = store.put("circuit_inputs/1/7/transfer_execution-0.bin", data);

        // then the hash and size are reported, the bytes come back, and the bucket knows the hash
        assertEquals(Sha256.hex(data), stored.sha256Hex());
        assertEquals(data.length, stored.size());
        assertArrayEquals(data, store.get(stored.key()));
        assertArrayEquals(data, store.get(stored.key(), stored.sha256Hex()));
        assertTrue(store.exists(stored.key()));
        assertEquals(stored.sha256Hex(), server.blobStore().blobMetadata(BUCKET, stored.key()).getUserMetadata()
                .get(S3ObjectStore.SHA256_METADATA));
    }

    @Test
    void anOverwriteReplacesTheWholeObject() {
        // given an object
        store.put("proofs/1/1/storage_application-0.bin", new byte[100_000]);

        // when it is overwritten with a shorter one
        byte[] shorter = {1, 2, 3};
        store.put("proofs/1/1/storage_application-0.bin", shorter);

        // then only the new bytes are there
        assertArrayEquals(shorter, store.get("proofs/1/1/storage_application-0.bin"));
    }

    @Test
    void missingObjectsAreReportedAndDeleteIsIdempotent() {
        // given a key that was never written
        String key = "batch_proofs/1/404.bin";

        // then reading it says so by key, it does not exist, and deleting it is harmless
        ObjectNotFoundException e = assertThrows(ObjectNotFoundException.class, () -> store.get(key));
        assertEquals(key, e.key());
        assertFalse(store.exists(key));
        store.delete(key);

        // and a deleted object is gone
        store.put(key, new byte[] {9});
        store.delete(key);
        store.delete(key);
        assertFalse(store.exists(key));
    }

    @Test
    void anObjectChangedInTheBucketIsDetectedByItsRecordedHash() {
        // given an object whose hash was recorded
        StoredObject stored = store.put("witness_inputs/1/3.bin", "the inputs".getBytes(StandardCharsets.UTF_8));

        // when someone else rewrites it behind the store's back
        try (S3Client raw = S3Client.builder().endpointOverride(URI.create(server.endpoint()))
                .region(Region.US_EAST_1).forcePathStyle(true)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .build()) {
            raw.putObject(b -> b.bucket(BUCKET).key(stored.key()), RequestBody.fromString("other inputs"));
        }

        // then a checked read refuses it and names both hashes
        ObjectCorruptedException e = assertThrows(ObjectCorruptedException.class,
                () -> store.get(stored.key(), stored.sha256Hex()));
        assertTrue(e.getMessage().contains(stored.sha256Hex()), e.getMessage());
    }

    @Test
    void listsByPrefixSortedAndKeepsDeploymentsApart() {
        // given objects of two batches, and one of another deployment sharing the bucket
        for (String key : List.of("proofs/2/10/b.bin", "proofs/2/9/a.bin", "proofs/2/9/c.bin", "proofs/3/1/a.bin")) {
            store.put(key, new byte[] {1});
        }
        otherDeployment.put("proofs/2/9/z.bin", new byte[] {2});

        // then listing a batch gives its keys only, sorted, without the other deployment's
        assertEquals(List.of("proofs/2/9/a.bin", "proofs/2/9/c.bin"), store.list("proofs/2/9/"));
        assertEquals(List.of("proofs/2/10/b.bin", "proofs/2/9/a.bin", "proofs/2/9/c.bin"), store.list("proofs/2/"));
        assertEquals(List.of("proofs/2/9/z.bin"), otherDeployment.list("proofs/"));
        assertFalse(otherDeployment.exists("proofs/2/9/a.bin"));
        assertEquals(List.of(), store.list("proofs/4/"));
    }

    @Test
    void badKeysAreRefusedBeforeAnyRequest() {
        assertThrows(IllegalArgumentException.class, () -> store.put("../escape", new byte[1]));
        assertThrows(IllegalArgumentException.class, () -> store.get("/absolute"));
        assertThrows(IllegalArgumentException.class,
                () -> new S3ObjectStore(S3Client.builder().region(Region.US_EAST_1).build(), BUCKET, "no-slash"));
    }

    @Test
    void aMissingBucketIsAFailureNotAMissingObject() {
        // given a store whose bucket was never created
        try (S3ObjectStore nowhere = S3ObjectStore.connect(new S3Settings("no-such-bucket", "", server.endpoint(),
                "us-east-1", true, ACCESS_KEY, SECRET_KEY))) {
            // then reads and writes fail naming the bucket, and are not mistaken for absent objects
            ObjectStoreException read = assertThrows(ObjectStoreException.class, () -> nowhere.get("proofs/1/1/x.bin"));
            assertFalse(read instanceof ObjectNotFoundException, read.toString());
            assertTrue(read.getMessage().contains("no-such-bucket"), read.getMessage());
            assertThrows(ObjectStoreException.class, () -> nowhere.put("proofs/1/1/x.bin", new byte[1]));
        }
    }

    @Test
    void wrongCredentialsAreReportedWithTheKeyAndTheBucket() {
        // given a store with a wrong secret
        try (S3ObjectStore wrong = S3ObjectStore.connect(settings("", ACCESS_KEY, "not-the-secret"))) {
            // then a put fails with an ObjectStoreException naming what it tried
            ObjectStoreException e = assertThrows(ObjectStoreException.class, () -> wrong.put("proofs/1/1/x.bin", new byte[1]));
            assertTrue(e.getMessage().contains("proofs/1/1/x.bin") && e.getMessage().contains(BUCKET), e.getMessage());
        }
    }
}
