package io.proofline.storage.objects;

import io.proofline.circuits.base.CircuitType;

/**
 * The key layout, one folder per stage's output and one level per chain and batch, so that a
 * batch's objects can be listed or removed by prefix:
 *
 * <pre>
 * witness_inputs/&lt;chain&gt;/&lt;batch&gt;.bin                      from the core (WitnessInputCodec)
 * circuit_inputs/&lt;chain&gt;/&lt;batch&gt;/&lt;type&gt;/&lt;index&gt;.bin      basic witness generation (CircuitInstanceCodec)
 * manifests/&lt;chain&gt;/&lt;batch&gt;.bin                           basic witness generation (ManifestCodec)
 * proofs/&lt;chain&gt;/&lt;batch&gt;/&lt;type&gt;/&lt;index&gt;.bin              proving (ProofCodec)
 * aggregation_proofs/&lt;chain&gt;/&lt;batch&gt;/&lt;name&gt;.bin          leaf and node proofs (RecursionProofCodec)
 * batch_proofs/&lt;chain&gt;/&lt;batch&gt;.bin                        scheduler (AggregatedBatchProofCodec) or bundle (BatchProofCodec)
 * </pre>
 *
 * where {@code <type>} is the circuit type's label, e.g. {@code transfer_execution}.
 */
public final class ObjectKeys {

    /** Longest key; S3 allows 1024 bytes. */
    public static final int MAX_LENGTH = 1024;

    private ObjectKeys() {
    }

    public static String witnessInputs(long chainId, long batchNumber) {
        return "witness_inputs/" + batch(chainId, batchNumber) + ".bin";
    }

    public static String circuitInput(long chainId, long batchNumber, CircuitType type, int index) {
        return "circuit_inputs/" + instance(chainId, batchNumber, type, index);
    }

    public static String manifest(long chainId, long batchNumber) {
        return "manifests/" + batch(chainId, batchNumber) + ".bin";
    }

    public static String proof(long chainId, long batchNumber, CircuitType type, int index) {
        return "proofs/" + instance(chainId, batchNumber, type, index);
    }

    /** A leaf or node proof, named by its round and position, e.g. {@code node1-transfer_execution-0}. */
    public static String aggregationProof(long chainId, long batchNumber, String name) {
        return requireValid("aggregation_proofs/" + batch(chainId, batchNumber) + "/" + name + ".bin");
    }

    public static String batchProof(long chainId, long batchNumber) {
        return "batch_proofs/" + batch(chainId, batchNumber) + ".bin";
    }

    /** The prefix of every object of a batch under a stage's folder, e.g. {@code "proofs/1/7/"}. */
    public static String batchPrefix(String stageFolder, long chainId, long batchNumber) {
        requireValid(stageFolder);
        return stageFolder + "/" + batch(chainId, batchNumber) + "/";
    }

    /**
     * Accepts keys of lowercase letters, digits, {@code _ - . /}: relative paths of non-empty
     * segments, none starting with a dot (reserved for the store's temporary files) and no
     * {@code ..} anywhere.
     *
     * @return the key
     * @throws IllegalArgumentException saying what is wrong with the key
     */
    public static String requireValid(String key) {
        if (key == null || key.isEmpty()) {
            throw new IllegalArgumentException("object key must not be empty");
        }
        if (key.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("object key is " + key.length() + " characters long, more than " + MAX_LENGTH);
        }
        requireCharacters(key, "object key");
        if (key.startsWith("/")) {
            throw new IllegalArgumentException("object key must be relative, not start with '/': " + key);
        }
        if (key.endsWith("/")) {
            throw new IllegalArgumentException("object key must not end with '/': " + key);
        }
        if (key.contains("..")) {
            throw new IllegalArgumentException("object key must not contain '..': " + key);
        }
        for (String segment : key.split("/", -1)) {
            if (segment.isEmpty()) {
                throw new IllegalArgumentException("object key must not contain an empty segment ('//'): " + key);
            }
            if (segment.startsWith(".")) {
                throw new IllegalArgumentException("object key segments must not start with '.': " + key);
            }
        }
        return key;
    }

    /**
     * Accepts list prefixes: empty, or the beginning of some valid key (may end with {@code /}).
     *
     * @throws IllegalArgumentException if no valid key can start with {@code prefix}
     */
    public static String requireValidPrefix(String prefix) {
        if (prefix == null) {
            throw new IllegalArgumentException("prefix must not be null; use \"\" to list everything");
        }
        if (prefix.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("prefix is longer than " + MAX_LENGTH + " characters");
        }
        requireCharacters(prefix, "prefix");
        if (prefix.startsWith("/")) {
            throw new IllegalArgumentException("prefix must be relative, not start with '/': " + prefix);
        }
        if (prefix.contains("..") || prefix.contains("//") || prefix.startsWith(".") || prefix.contains("/.")) {
            throw new IllegalArgumentException("no valid key starts with prefix '" + prefix + "'");
        }
        return prefix;
    }

    private static void requireCharacters(String s, String what) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_' || c == '-' || c == '.' || c == '/')) {
                throw new IllegalArgumentException(what + " may contain only lowercase letters, digits and '_-./', but has '"
                        + (c < 0x20 || c > 0x7e ? String.format("\\u%04x", (int) c) : String.valueOf(c))
                        + "' at position " + i + ": " + s);
            }
        }
    }

    private static String batch(long chainId, long batchNumber) {
        if (chainId < 0 || batchNumber < 0) {
            throw new IllegalArgumentException("chain id and batch number must not be negative: " + chainId + ", " + batchNumber);
        }
        return chainId + "/" + batchNumber;
    }

    private static String instance(long chainId, long batchNumber, CircuitType type, int index) {
        if (index < 0) {
            throw new IllegalArgumentException("negative instance index " + index);
        }
        return batch(chainId, batchNumber) + "/" + type.label + "/" + index + ".bin";
    }
}
