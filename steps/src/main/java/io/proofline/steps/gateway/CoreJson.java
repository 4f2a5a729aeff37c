package io.proofline.steps.gateway;

import io.proofline.circuits.base.CircuitType;
import io.proofline.circuits.base.RecursionCommitments;
import io.proofline.circuits.witness.WitnessInputCodec;
import io.proofline.circuits.witness.WitnessInputData;
import io.proofline.codec.FormatException;
import io.proofline.field.Goldilocks;
import io.proofline.poseidon2.Digest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The API's JSON bodies, read field by field so that a malformed answer says which field is wrong. */
final class CoreJson {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    private static final int MAX_ERROR_CHARS = 500;

    private CoreJson() {
    }

    static String submitRequest(int protocolVersion, byte[] batchProof) {
        ObjectNode body = MAPPER.createObjectNode();
        body.put("protocolVersion", protocolVersion);
        body.put("proof", Base64.getEncoder().encodeToString(batchProof));
        return MAPPER.writeValueAsString(body);
    }

    /** @throws MalformedCoreResponseException naming the field at fault */
    static ProofGenerationData proofGenerationData(byte[] body) {
        JsonNode root = object(body, "proof generation data");
        long chainId = nonNegativeLong(root, "chainId");
        long batchNumber = nonNegativeLong(root, "batchNumber");
        long version = nonNegativeLong(root, "protocolVersion");
        if (version > Integer.MAX_VALUE) {
            throw malformed("protocolVersion", "is out of range: " + version);
        }
        byte[] witness;
        try {
            witness = Base64.getDecoder().decode(string(root, "witnessInputData"));
        } catch (IllegalArgumentException e) {
            throw malformed("witnessInputData", "is not valid base64: " + e.getMessage());
        }
        WitnessInputData decoded;
        try {
            decoded = WitnessInputCodec.decode(witness);
        } catch (FormatException e) {
            throw malformed("witnessInputData", "does not decode: " + e.getMessage());
        }
        if (decoded.chainId() != chainId || decoded.batchNumber() != batchNumber || decoded.protocolVersion() != version) {
            throw malformed("witnessInputData", "is for chain " + decoded.chainId() + " batch " + decoded.batchNumber()
                    + " protocol version " + decoded.protocolVersion() + ", but the answer names chain " + chainId + " batch "
                    + batchNumber + " protocol version " + version);
        }
        JsonNode keysNode = root.get("verificationKeys");
        if (keysNode == null || !keysNode.isObject()) {
            throw malformed("verificationKeys", keysNode == null ? "is missing" : "must be an object");
        }
        Map<CircuitType, Digest> keys = new EnumMap<>(CircuitType.class);
        Map<String, Digest> layers = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : keysNode.properties()) {
            if (RecursionCommitments.LABELS.contains(e.getKey())) {
                layers.put(e.getKey(), digest("verificationKeys." + e.getKey(), e.getValue()));
                continue;
            }
            CircuitType type = type(e.getKey());
            keys.put(type, digest("verificationKeys." + e.getKey(), e.getValue()));
        }
        for (String label : RecursionCommitments.LABELS) {
            if (!layers.isEmpty() && !layers.containsKey(label)) {
                throw malformed("verificationKeys." + label, "is missing (the answer names other recursion keys)");
            }
        }
        for (CircuitType t : CircuitType.values()) {
            if (!keys.containsKey(t)) {
                throw malformed("verificationKeys." + t.label, "is missing");
            }
        }
        Digest commitment = digest("batchCommitment", root.get("batchCommitment"));
        RecursionCommitments recursion = layers.isEmpty() ? null : new RecursionCommitments(
                layers.get(RecursionCommitments.LABELS.get(0)), layers.get(RecursionCommitments.LABELS.get(1)),
                layers.get(RecursionCommitments.LABELS.get(2)), layers.get(RecursionCommitments.LABELS.get(3)));
        return new ProofGenerationData(chainId, batchNumber, (int) version, witness, keys, recursion, commitment);
    }

    /** The {@code error} field of an error answer, or else the start of the body. */
    static String error(int status, byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8).strip();
        try {
            JsonNode root = MAPPER.readTree(body);
            if (root != null && root.isObject() && root.get("error") != null && root.get("error").isString()) {
                return root.get("error").stringValue();
            }
        } catch (JacksonException e) {
            // Not JSON: a proxy's page, a stack trace; show its start.
        }
        if (text.isEmpty()) {
            return "HTTP " + status + " with an empty body";
        }
        return text.length() > MAX_ERROR_CHARS ? text.substring(0, MAX_ERROR_CHARS) + "..." : text;
    }

    private static JsonNode object(byte[] body, String what) {
        JsonNode root;
        try {
            root = MAPPER.readTree(body);
        } catch (JacksonException e) {
            throw new MalformedCoreResponseException("core's " + what + " is not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new MalformedCoreResponseException("core's " + what + " is not a JSON object");
        }
        return root;
    }

    private static long nonNegativeLong(JsonNode root, String field) {
        JsonNode n = root.get(field);
        if (n == null || n.isNull()) {
            throw malformed(field, "is missing");
        }
        if (!n.isIntegralNumber() || !n.canConvertToLong() || n.longValue() < 0) {
            throw malformed(field, "must be a non-negative integer, not " + n);
        }
        return n.longValue();
    }

    private static String string(JsonNode root, String field) {
        JsonNode n = root.get(field);
        if (n == null || n.isNull()) {
            throw malformed(field, "is missing");
        }
        if (!n.isString()) {
            throw malformed(field, "must be a string");
        }
        return n.stringValue();
    }

    private static CircuitType type(String label) {
        for (CircuitType t : CircuitType.values()) {
            if (t.label.equals(label)) {
                return t;
            }
        }
        throw malformed("verificationKeys", "names an unknown circuit type '" + label + "'");
    }

    /** {@code 0x} and 64 hex digits, four canonical field elements as {@link Digest#toString()} writes them. */
    private static Digest digest(String field, JsonNode n) {
        if (n == null || n.isNull()) {
            throw malformed(field, "is missing");
        }
        String hex = n.isString() ? n.stringValue() : null;
        if (hex == null || hex.length() != 66 || !hex.startsWith("0x") || !hex.substring(2).matches("[0-9a-fA-F]{64}")) {
            throw malformed(field, "must be a digest, 0x and 64 hex digits, not " + n);
        }
        long[] e = new long[Digest.ELEMENTS];
        for (int i = 0; i < e.length; i++) {
            e[i] = Long.parseUnsignedLong(hex, 2 + 16 * i, 2 + 16 * (i + 1), 16);
            if (!Goldilocks.isCanonical(e[i])) {
                throw malformed(field, "holds a non-canonical field element: " + hex);
            }
        }
        return Digest.fromArray(e, 0);
    }

    private static MalformedCoreResponseException malformed(String field, String problem) {
        return new MalformedCoreResponseException("core's proof generation data: field '" + field + "' " + problem);
    }
}
