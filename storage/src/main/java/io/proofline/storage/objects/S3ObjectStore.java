package io.proofline.storage.objects;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * An object store in a bucket of an S3-compatible service (AWS S3, MinIO, Ceph, S3Proxy...), for
 * pipelines spread over several machines. Keys map to object names unchanged, under an optional
 * prefix so that several deployments can share a bucket. A put is atomic by S3's own semantics
 * (a reader sees the whole old object or the whole new one), and the object's SHA-256 travels in
 * its metadata too, so that the bucket alone tells what each object should hash to.
 */
public final class S3ObjectStore implements ObjectStore, AutoCloseable {

    /** User metadata key (S3 sends it as {@code x-amz-meta-sha256}). */
    static final String SHA256_METADATA = "sha256";

    private final S3Client client;
    private final String bucket;
    private final String prefix;

    /**
     * @param prefix prepended to every key; empty, or ending in {@code /}
     */
    public S3ObjectStore(S3Client client, String bucket, String prefix) {
        if (bucket == null || bucket.isBlank()) {
            throw new IllegalArgumentException("an S3 object store needs a bucket name");
        }
        if (!prefix.isEmpty() && !prefix.endsWith("/")) {
            throw new IllegalArgumentException("the S3 key prefix must be empty or end in '/': '" + prefix + "'");
        }
        this.client = client;
        this.bucket = bucket;
        this.prefix = prefix;
    }

    /**
     * A client for {@code endpoint} (empty: AWS itself) with path-style addressing, which most
     * S3-compatible servers want; static credentials when given, else the SDK's default chain
     * (environment, profile, instance role).
     */
    public static S3ObjectStore connect(S3Settings settings) {
        S3ClientBuilder builder = S3Client.builder()
                .region(Region.of(settings.region()))
                .forcePathStyle(settings.pathStyle());
        if (!settings.endpoint().isBlank()) {
            // Many S3-compatible servers reject the SDK's default trailing CRC checksums
            // (aws-chunked uploads); the SigV4 payload hash and our own SHA-256 still protect the data.
            builder.endpointOverride(URI.create(settings.endpoint()))
                    .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                    .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        }
        builder.credentialsProvider(settings.accessKey().isBlank() ? DefaultCredentialsProvider.builder().build()
                : StaticCredentialsProvider.create(AwsBasicCredentials.create(settings.accessKey(), settings.secretKey())));
        return new S3ObjectStore(builder.build(), settings.bucket(), settings.prefix());
    }

    @Override
    public StoredObject put(String key, byte[] data) {
        ObjectKeys.requireValid(key);
        String sha256 = Sha256.hex(data);
        call("put", key, () -> client.putObject(b -> b.bucket(bucket).key(prefix + key).contentLength((long) data.length)
                .metadata(Map.of(SHA256_METADATA, sha256)), RequestBody.fromBytes(data)));
        return new StoredObject(key, sha256, data.length);
    }

    @Override
    public byte[] get(String key) {
        ObjectKeys.requireValid(key);
        return call("read", key, () -> client.getObjectAsBytes(b -> b.bucket(bucket).key(prefix + key)).asByteArray());
    }

    @Override
    public boolean exists(String key) {
        ObjectKeys.requireValid(key);
        try {
            call("look up", key, () -> client.headObject(b -> b.bucket(bucket).key(prefix + key)));
            return true;
        } catch (ObjectNotFoundException e) {
            return false;
        }
    }

    /** S3 deletes are idempotent already: deleting a missing key succeeds. */
    @Override
    public void delete(String key) {
        ObjectKeys.requireValid(key);
        call("delete", key, () -> client.deleteObject(b -> b.bucket(bucket).key(prefix + key)));
    }

    @Override
    public List<String> list(String keyPrefix) {
        ObjectKeys.requireValidPrefix(keyPrefix);
        List<String> keys = new ArrayList<>();
        try {
            for (S3Object o : client.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix + keyPrefix)).contents()) {
                keys.add(o.key().substring(prefix.length()));
            }
        } catch (SdkException e) {
            throw new ObjectStoreException("cannot list '" + keyPrefix + "' in bucket " + bucket + ": " + e.getMessage(), e);
        }
        keys.sort(null);
        return List.copyOf(keys);
    }

    /** One request for {@code key}, its failures in the store's terms. */
    private <T> T call(String what, String key, Supplier<T> request) {
        try {
            return request.get();
        } catch (NoSuchKeyException e) {
            throw new ObjectNotFoundException(key);
        } catch (S3Exception e) {
            // HEAD answers carry no error body, so a missing key may come as a bare 404; a
            // missing bucket is a 404 too, but says so where there is a body
            boolean noBucket = e.awsErrorDetails() != null && "NoSuchBucket".equals(e.awsErrorDetails().errorCode());
            if (e.statusCode() == 404 && !noBucket) {
                throw new ObjectNotFoundException(key);
            }
            throw new ObjectStoreException("cannot " + what + " '" + key + "' in bucket " + bucket + ": " + e.getMessage(), e);
        } catch (SdkException e) {
            throw new ObjectStoreException("cannot " + what + " '" + key + "' in bucket " + bucket + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        client.close();
    }

    @Override
    public String toString() {
        return "S3ObjectStore(" + bucket + "/" + prefix + ")";
    }
}
