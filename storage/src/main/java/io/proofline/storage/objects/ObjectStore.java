package io.proofline.storage.objects;

import java.util.List;

/**
 * Named blobs shared by the pipeline's processes. Keys follow {@link ObjectKeys#requireValid}, a
 * subset that every backend (local directory, S3-compatible bucket) can hold unchanged.
 * Implementations must make {@link #put} atomic: a reader sees the old object, the new one or
 * none, never a part.
 */
public interface ObjectStore {

    /**
     * Stores {@code data} under {@code key}, replacing any object there.
     *
     * @return the key with the data's SHA-256 and size, to be recorded next to the key
     * @throws IllegalArgumentException if the key is not valid
     * @throws ObjectStoreException if the store cannot be written
     */
    StoredObject put(String key, byte[] data);

    /** @throws ObjectNotFoundException if there is no object under {@code key} */
    byte[] get(String key);

    /**
     * Reads an object and checks it against the SHA-256 recorded when it was stored.
     *
     * @param expectedSha256 64 lowercase hex digits
     * @throws ObjectNotFoundException if there is no object under {@code key}
     * @throws ObjectCorruptedException if the object's hash differs
     */
    default byte[] get(String key, String expectedSha256) {
        Sha256.requireHex(expectedSha256);
        byte[] data = get(key);
        String actual = Sha256.hex(data);
        if (!actual.equals(expectedSha256)) {
            throw new ObjectCorruptedException(key, expectedSha256, actual);
        }
        return data;
    }

    boolean exists(String key);

    /** Removes the object; removing a missing object does nothing, so that retries are harmless. */
    void delete(String key);

    /**
     * The keys that start with {@code prefix} (plain string prefix, e.g. {@code "proofs/1/7/"}), sorted.
     *
     * @throws IllegalArgumentException if the prefix holds characters no key can contain
     */
    List<String> list(String prefix);
}
