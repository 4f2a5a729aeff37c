package io.proofline.storage.objects;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 as the pipeline records it: 64 lowercase hex digits. */
public final class Sha256 {

    private static final HexFormat HEX = HexFormat.of();

    private Sha256() {
    }

    public static byte[] digest(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    public static String hex(byte[] data) {
        return HEX.formatHex(digest(data));
    }

    /** @throws IllegalArgumentException unless {@code hex} is 64 lowercase hex digits */
    public static String requireHex(String hex) {
        if (hex == null || hex.length() != 64) {
            throw new IllegalArgumentException("not a SHA-256 (64 lowercase hex digits): " + hex);
        }
        for (int i = 0; i < hex.length(); i++) {
            char c = hex.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                throw new IllegalArgumentException("not a SHA-256 (64 lowercase hex digits): " + hex);
            }
        }
        return hex;
    }

    /** The 32 bytes of a hex SHA-256. */
    public static byte[] toBytes(String hex) {
        return HEX.parseHex(requireHex(hex));
    }

    /** @throws IllegalArgumentException unless {@code bytes} holds 32 bytes */
    public static String fromBytes(byte[] bytes) {
        if (bytes.length != 32) {
            throw new IllegalArgumentException("a SHA-256 has 32 bytes, not " + bytes.length);
        }
        return HEX.formatHex(bytes);
    }
}
