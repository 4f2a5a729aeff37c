package io.proofline.storage.objects;

/**
 * An object whose bytes no longer hash to what was recorded when it was stored: altered, truncated
 * on disk or overwritten by another writer. Its producer must write it again.
 */
public final class ObjectCorruptedException extends ObjectStoreException {

    private static final long serialVersionUID = 1L;

    private final String key;
    private final String expectedSha256;
    private final String actualSha256;

    public ObjectCorruptedException(String key, String expectedSha256, String actualSha256) {
        super("object '" + key + "' is corrupted: SHA-256 is " + actualSha256 + ", expected " + expectedSha256);
        this.key = key;
        this.expectedSha256 = expectedSha256;
        this.actualSha256 = actualSha256;
    }

    public String key() {
        return key;
    }

    public String expectedSha256() {
        return expectedSha256;
    }

    public String actualSha256() {
        return actualSha256;
    }
}
