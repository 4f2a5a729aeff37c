package io.proofline.storage.objects;

/** An object as stored: its key, the SHA-256 of its bytes (lowercase hex) and its size in bytes. */
public record StoredObject(String key, String sha256Hex, long size) {

    public StoredObject {
        ObjectKeys.requireValid(key);
        Sha256.requireHex(sha256Hex);
        if (size < 0) {
            throw new IllegalArgumentException("negative size " + size);
        }
    }
}
