package io.proofline.circuits.base;

import io.proofline.field.Goldilocks;
import io.proofline.plonkish.ProverConfig;
import io.proofline.poseidon2.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The key commitments of every base circuit type, and of the recursion layers for a version whose
 * batch proofs are aggregated ({@link RecursionCommitments}; version 1's are bundles of base
 * proofs), per protocol version and named capacities, for {@link ProverConfig#standard()}: the file {@value #RESOURCE}, committed to the repository and
 * compiled into the core and the prover. Keys are loaded from a directory that whoever can write
 * it controls; these pins, not the directory, decide which keys a protocol version uses.
 *
 * <p>A circuit change changes the commitments computed from this build: the test that compares
 * them with the file fails until they are pinned, under a new protocol version (see
 * {@code PinnedCommitmentsTests} for the command that rewrites the file).
 */
public final class PinnedCommitments {

    /** Where the file is on the classpath; in the sources, under {@code circuits/src/main/resources}. */
    public static final String RESOURCE = "/io/proofline/circuits/commitments.json";
    static final String FILE = "commitments.json";
    static final long FORMAT = 1;
    /** The capacities that can be pinned, in file order: {@link CircuitCapacities#named}. */
    static final List<String> CAPACITIES = List.of("small", "production");

    private final SortedMap<Integer, Map<String, Map<CircuitType, Digest>>> versions;
    /** Per version and capacities, where the version's proofs are aggregated; absent: bundles of base proofs. */
    private final SortedMap<Integer, Map<String, RecursionCommitments>> recursion;

    private PinnedCommitments(SortedMap<Integer, Map<String, Map<CircuitType, Digest>>> versions,
                              SortedMap<Integer, Map<String, RecursionCommitments>> recursion) {
        this.versions = versions;
        this.recursion = recursion;
    }

    /** The pins compiled into this build. */
    public static PinnedCommitments load() {
        try (InputStream in = PinnedCommitments.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    /** @throws IllegalArgumentException naming what is wrong with the text */
    public static PinnedCommitments parse(String json) {
        Map<String, Object> root;
        try {
            root = JsonReader.parseObject(json);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(FILE + ": " + e.getMessage(), e);
        }
        if (!Long.valueOf(FORMAT).equals(root.get("format"))) {
            throw new IllegalArgumentException(FILE + ": format must be " + FORMAT + ", not " + root.get("format"));
        }
        SortedMap<Integer, Map<String, Map<CircuitType, Digest>>> versions = new TreeMap<>();
        SortedMap<Integer, Map<String, RecursionCommitments>> recursion = new TreeMap<>();
        for (Map.Entry<String, Object> v : object(root.get("protocolVersions"), "protocolVersions").entrySet()) {
            String where = "protocolVersions." + v.getKey();
            if (!v.getKey().matches("[1-9][0-9]{0,8}")) {
                throw new IllegalArgumentException(FILE + ": " + where + " is not a protocol version");
            }
            Map<String, Map<CircuitType, Digest>> byCapacities = new LinkedHashMap<>();
            Map<String, RecursionCommitments> recursionByCapacities = new LinkedHashMap<>();
            for (Map.Entry<String, Object> c : object(v.getValue(), where).entrySet()) {
                if (!CAPACITIES.contains(c.getKey())) {
                    throw new IllegalArgumentException(FILE + ": " + where + " names unknown capacities '" + c.getKey() + "'");
                }
                Map<String, Object> node = new LinkedHashMap<>(object(c.getValue(), where + "." + c.getKey()));
                Map<String, Object> layers = new LinkedHashMap<>();
                for (String label : RecursionCommitments.LABELS) {
                    if (node.containsKey(label)) {
                        layers.put(label, node.remove(label));
                    }
                }
                byCapacities.put(c.getKey(), commitments(node, where + "." + c.getKey()));
                if (!layers.isEmpty()) {
                    recursionByCapacities.put(c.getKey(), recursion(layers, where + "." + c.getKey()));
                }
            }
            versions.put(Integer.parseInt(v.getKey()), Collections.unmodifiableMap(byCapacities));
            if (!recursionByCapacities.isEmpty()) {
                recursion.put(Integer.parseInt(v.getKey()), Collections.unmodifiableMap(recursionByCapacities));
            }
        }
        if (versions.isEmpty()) {
            throw new IllegalArgumentException(FILE + ": pins no protocol version");
        }
        return new PinnedCommitments(versions, recursion);
    }

    /** The newest protocol version pinned: the one this build's circuits are meant to give. */
    public int currentVersion() {
        return versions.lastKey();
    }

    public Optional<Map<CircuitType, Digest>> find(int protocolVersion, String capacities) {
        return Optional.ofNullable(versions.getOrDefault(protocolVersion, Map.of()).get(capacities));
    }

    /** @throws KeysRefusedException if nothing is pinned for the version with these capacities */
    public Map<CircuitType, Digest> require(int protocolVersion, String capacities) {
        return find(protocolVersion, capacities).orElseThrow(() -> new KeysRefusedException("no key commitments are pinned for "
                + "protocol version " + protocolVersion + " with " + capacities + " capacities (" + FILE + " pins " + pinned()
                + "): keys of an unpinned version are never used"));
    }

    /** The recursion keys of a version whose proofs are aggregated; empty for one whose proofs are bundles. */
    public Optional<RecursionCommitments> findRecursion(int protocolVersion, String capacities) {
        return Optional.ofNullable(recursion.getOrDefault(protocolVersion, Map.of()).get(capacities));
    }

    /**
     * The recursion keys pinned for a version whose proofs are aggregated.
     *
     * @throws KeysRefusedException if nothing is pinned for the version with these capacities, or
     *     no recursion keys (its batch proofs are bundles)
     */
    public RecursionCommitments requireRecursion(int protocolVersion, String capacities) {
        require(protocolVersion, capacities);
        return findRecursion(protocolVersion, capacities).orElseThrow(() -> new KeysRefusedException(
                "protocol version " + protocolVersion + " pins no recursion keys for " + capacities + " capacities (" + FILE
                        + "): its batch proofs are bundles of base proofs, not aggregated"));
    }

    /**
     * @throws KeysRefusedException naming each recursion layer whose key commitment differs from
     *     the pinned one, or if the version pins no recursion keys for these capacities
     */
    public void requireRecursionMatches(int protocolVersion, String capacities, RecursionCommitments keys) {
        RecursionCommitments pinned = requireRecursion(protocolVersion, capacities);
        List<String> differences = new ArrayList<>();
        Map<String, Digest> given = keys.byLabel();
        pinned.byLabel().forEach((label, digest) -> {
            if (!digest.equals(given.get(label))) {
                differences.add(label + " key commitment " + given.get(label) + " differs from the pinned " + digest);
            }
        });
        if (!differences.isEmpty()) {
            throw new KeysRefusedException(String.join("; ", differences) + " (" + FILE + ", protocol version " + protocolVersion
                    + ", " + capacities + " capacities)");
        }
    }

    /**
     * @throws KeysRefusedException naming each circuit whose key commitment differs from the pinned
     *     one, or if nothing is pinned for the version with these capacities
     */
    public void requireMatches(int protocolVersion, String capacities, Map<CircuitType, Digest> keys) {
        Map<CircuitType, Digest> pinned = require(protocolVersion, capacities);
        List<String> differences = new ArrayList<>();
        for (CircuitType type : CircuitType.values()) {
            Digest key = keys.get(type);
            if (!pinned.get(type).equals(key)) {
                differences.add(type.label + " key commitment " + key + " differs from the pinned " + pinned.get(type));
            }
        }
        if (!differences.isEmpty()) {
            throw new KeysRefusedException(String.join("; ", differences) + " (" + FILE + ", protocol version " + protocolVersion
                    + ", " + capacities + " capacities)");
        }
    }

    /** These pins with the version's base commitments for {@code capacities} set, its recursion ones unchanged. */
    public PinnedCommitments with(int protocolVersion, String capacities, Map<CircuitType, Digest> commitments) {
        return with(protocolVersion, capacities, commitments, findRecursion(protocolVersion, capacities).orElse(null));
    }

    /** These pins with the version's commitments for {@code capacities} set; {@code layers} null for bundles. */
    public PinnedCommitments with(int protocolVersion, String capacities, Map<CircuitType, Digest> commitments,
                                  RecursionCommitments layers) {
        if (!CAPACITIES.contains(capacities)) {
            throw new IllegalArgumentException("unknown capacities '" + capacities + "'");
        }
        SortedMap<Integer, Map<String, Map<CircuitType, Digest>>> out = new TreeMap<>(versions);
        Map<String, Map<CircuitType, Digest>> byCapacities = new LinkedHashMap<>();
        for (String c : CAPACITIES) {
            Map<CircuitType, Digest> value = c.equals(capacities) ? commitments : out.getOrDefault(protocolVersion, Map.of()).get(c);
            if (value != null) {
                byCapacities.put(c, Collections.unmodifiableMap(new EnumMap<>(value)));
            }
        }
        out.put(protocolVersion, Collections.unmodifiableMap(byCapacities));
        SortedMap<Integer, Map<String, RecursionCommitments>> layersOut = new TreeMap<>(recursion);
        Map<String, RecursionCommitments> layersByCapacities = new LinkedHashMap<>();
        for (String c : CAPACITIES) {
            RecursionCommitments value = c.equals(capacities) ? layers : recursion.getOrDefault(protocolVersion, Map.of()).get(c);
            if (value != null) {
                layersByCapacities.put(c, value);
            }
        }
        layersOut.remove(protocolVersion);
        if (!layersByCapacities.isEmpty()) {
            layersOut.put(protocolVersion, Collections.unmodifiableMap(layersByCapacities));
        }
        return new PinnedCommitments(out, layersOut);
    }

    /** The key commitments this build's circuits give for named capacities, with {@link ProverConfig#standard()}. */
    public static Map<CircuitType, Digest> compute(String capacities) {
        return BaseCircuitKeys.generate(CircuitCapacities.named(capacities), ProverConfig.standard()).commitments();
    }

    /** The file's text: versions in order, capacities and circuit types in a fixed order. */
    public String toJson() {
        StringBuilder sb = new StringBuilder("{\n");
        sb.append("  \"about\": \"Key commitments of the base circuits, and of the recursion layers where a version's proofs are "
                + "aggregated, per protocol version and capacities, for ProverConfig.standard(). The core and the prover refuse "
                + "keys that differ. Written by PinnedCommitmentsTests.\",\n");
        sb.append("  \"format\": ").append(FORMAT).append(",\n  \"protocolVersions\": {");
        String vSep = "\n";
        for (var v : versions.entrySet()) {
            sb.append(vSep).append("    \"").append(v.getKey()).append("\": {");
            String cSep = "\n";
            for (var c : v.getValue().entrySet()) {
                sb.append(cSep).append("      \"").append(c.getKey()).append("\": {");
                String tSep = "\n";
                for (var t : c.getValue().entrySet()) {
                    sb.append(tSep).append("        \"").append(t.getKey().label).append("\": \"").append(t.getValue()).append('"');
                    tSep = ",\n";
                }
                for (var t : findRecursion(v.getKey(), c.getKey()).map(RecursionCommitments::byLabel).orElse(Map.of()).entrySet()) {
                    sb.append(tSep).append("        \"").append(t.getKey()).append("\": \"").append(t.getValue()).append('"');
                }
                sb.append("\n      }");
                cSep = ",\n";
            }
            sb.append("\n    }");
            vSep = ",\n";
        }
        return sb.append("\n  }\n}\n").toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PinnedCommitments p && versions.equals(p.versions) && recursion.equals(p.recursion);
    }

    @Override
    public int hashCode() {
        return versions.hashCode() * 31 + recursion.hashCode();
    }

    @Override
    public String toString() {
        return "PinnedCommitments" + versions + recursion;
    }

    private String pinned() {
        List<String> out = new ArrayList<>();
        versions.forEach((v, caps) -> out.add("version " + v + ": " + String.join(", ", caps.keySet())));
        return String.join("; ", out);
    }

    private static Map<CircuitType, Digest> commitments(Map<String, Object> node, String where) {
        Map<CircuitType, Digest> out = new EnumMap<>(CircuitType.class);
        for (Map.Entry<String, Object> e : node.entrySet()) {
            CircuitType type = null;
            for (CircuitType t : CircuitType.values()) {
                type = t.label.equals(e.getKey()) ? t : type;
            }
            if (type == null) {
                throw new IllegalArgumentException(FILE + ": " + where + " names an unknown circuit type '" + e.getKey() + "'");
            }
            out.put(type, digest(e.getValue(), where + "." + e.getKey()));
        }
        for (CircuitType t : CircuitType.values()) {
            if (!out.containsKey(t)) {
                throw new IllegalArgumentException(FILE + ": " + where + " lacks " + t.label);
            }
        }
        return Collections.unmodifiableMap(out);
    }

    private static RecursionCommitments recursion(Map<String, Object> layers, String where) {
        Map<String, Digest> out = new LinkedHashMap<>();
        for (String label : RecursionCommitments.LABELS) {
            if (!layers.containsKey(label)) {
                throw new IllegalArgumentException(FILE + ": " + where + " pins recursion keys but lacks " + label);
            }
            out.put(label, digest(layers.get(label), where + "." + label));
        }
        return RecursionCommitments.of(out);
    }

    private static Digest digest(Object value, String where) {
        if (!(value instanceof String hex) || !hex.matches("0x[0-9a-f]{64}")) {
            throw new IllegalArgumentException(FILE + ": " + where + " must be 0x and 64 lower-case hex digits, not " + value);
        }
        long[] e = new long[Digest.ELEMENTS];
        for (int i = 0; i < e.length; i++) {
            e[i] = Long.parseUnsignedLong(hex, 2 + 16 * i, 2 + 16 * (i + 1), 16);
            if (!Goldilocks.isCanonical(e[i])) {
                throw new IllegalArgumentException(FILE + ": " + where + " holds a non-canonical field element: " + hex);
            }
        }
        return Digest.fromArray(e, 0);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Object value, String where) {
        if (!(value instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException(FILE + ": " + where + " must be an object");
        }
        return (Map<String, Object>) map;
    }
}
