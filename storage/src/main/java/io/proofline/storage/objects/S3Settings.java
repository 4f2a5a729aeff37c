package io.proofline.storage.objects;

/**
 * Where an {@link S3ObjectStore} lives.
 *
 * @param bucket the bucket, which must exist; blank means no S3 store (the local directory is used)
 * @param prefix prepended to every key: empty, or ending in {@code /}
 * @param endpoint the service's URL, e.g. {@code http://minio:9000}; blank for AWS S3 itself
 * @param region the signing region; S3-compatible servers mostly accept any, conventionally {@code us-east-1}
 * @param pathStyle {@code http://host/bucket/key} instead of {@code http://bucket.host/key}
 * @param accessKey static credentials; blank to use the SDK's default chain (environment, profile, role)
 * @param secretKey the secret belonging to {@code accessKey}
 */
public record S3Settings(String bucket, String prefix, String endpoint, String region, boolean pathStyle,
                         String accessKey, String secretKey) {

    public boolean enabled() {
        return !bucket.isBlank();
    }

    @Override
    public String toString() {
        // never the secret
        return "S3Settings[bucket=" + bucket + ", prefix=" + prefix + ", endpoint=" + endpoint + ", region=" + region
                + ", pathStyle=" + pathStyle + ", accessKey=" + accessKey + "]";
    }
}
