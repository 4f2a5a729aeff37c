package io.proofline.cli;

import io.proofline.circuits.aggregation.AggregatedBatchProof;
import io.proofline.circuits.aggregation.AggregatedBatchProofCodec;
import io.proofline.circuits.base.CircuitType;
import io.proofline.circuits.base.PinnedCommitments;
import io.proofline.circuits.batch.BaseProof;
import io.proofline.circuits.batch.BatchProof;
import io.proofline.circuits.batch.BatchProofCodec;
import io.proofline.circuits.witness.CircuitInstance;
import io.proofline.circuits.witness.WitnessInputCodec;
import io.proofline.circuits.witness.WitnessInputData;
import io.proofline.codec.FormatException;
import io.proofline.fri.FriProof;
import io.proofline.fri.FriProofCodec;
import io.proofline.plonkish.PlonkishProof;
import io.proofline.plonkish.ProofCodec;
import io.proofline.plonkish.ProverConfig;
import io.proofline.plonkish.SetupCodec;
import io.proofline.plonkish.SetupData;
import io.proofline.plonkish.VerificationKey;
import io.proofline.plonkish.VerificationKeyCodec;
import io.proofline.plonkish.WitnessCodec;
import io.proofline.plonkish.WitnessVector;
import io.proofline.poseidon2.Digest;
import io.proofline.storage.format.CircuitInstanceCodec;
import io.proofline.storage.format.Manifest;
import io.proofline.storage.format.ManifestCodec;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** The summaries {@code file-info} prints, one per artifact kind, keyed by the formats' magic headers. */
final class Artifacts {

    private Artifacts() {
    }

    /** @throws FormatException if the bytes are no Proofline artifact or a malformed one */
    static List<String> describe(byte[] bytes) {
        if (bytes.length < 8) {
            throw new FormatException("a file of " + bytes.length + " bytes is shorter than any Proofline header");
        }
        String magic = new String(bytes, 0, 8, StandardCharsets.US_ASCII);
        List<String> out = new ArrayList<>();
        switch (magic) {
            case "PLPROOF1" -> proof(out, "proof (PLPROOF1)", ProofCodec.decode(bytes), bytes.length);
            case "PLVKEY01" -> key(out, VerificationKeyCodec.decode(bytes), bytes.length);
            case "PLSETUP1" -> setup(out, bytes);
            case "PLWINPT1" -> witnessInput(out, WitnessInputCodec.decode(bytes), bytes.length);
            case "PLCINST1" -> circuitInput(out, CircuitInstanceCodec.decode(bytes), bytes.length);
            case "PLMANIF1" -> manifest(out, ManifestCodec.decode(bytes), bytes.length);
            case "PLBATCH1" -> batchProof(out, BatchProofCodec.decode(bytes), bytes.length);
            case "PLBATCH2" -> aggregated(out, AggregatedBatchProofCodec.decode(bytes), bytes.length);
            case "PLWITNS1" -> witness(out, WitnessCodec.decode(bytes), bytes.length);
            case "PLFRIPRF" -> fri(out, "FRI proof (PLFRIPRF), " + bytes.length + " bytes", FriProofCodec.decode(bytes));
            default -> throw new FormatException("not a Proofline artifact: the header reads '"
                    + magic.replaceAll("\\P{Print}", "?") + "', none of PLPROOF1, PLVKEY01, PLSETUP1, PLWINPT1, PLCINST1,"
                    + " PLMANIF1, PLBATCH1, PLBATCH2, PLWITNS1, PLFRIPRF");
        }
        return out;
    }

    private static void proof(List<String> out, String what, PlonkishProof p, int size) {
        out.add(what + ", " + size + " bytes");
        out.add("  witness cap " + p.witnessCap().roots().size() + " roots, first " + p.witnessCap().roots().getFirst());
        out.add("  openings " + p.openings().setup().size() + " setup, " + p.openings().witness().size() + " witness, "
                + p.openings().products().size() + " products, " + p.openings().quotient().size() + " quotient");
        out.add("  query openings " + p.queries().size());
        fri(out, "  FRI", p.fri());
    }

    private static void fri(List<String> out, String what, FriProof f) {
        out.add(what + ": " + f.layerCaps().size() + " folding layers, final polynomial of " + f.finalPolynomial().size()
                + " coefficients, " + f.queries().size() + " queries, proof-of-work nonce " + f.powNonce());
    }

    private static void key(List<String> out, VerificationKey key, int size) {
        out.add("verification key (PLVKEY01), " + size + " bytes");
        keyLines(out, key);
    }

    private static void keyLines(List<String> out, VerificationKey key) {
        var g = key.geometry();
        out.add("  geometry 2^" + g.logRows() + " rows, " + g.copyColumns() + " copy + " + g.witnessColumns() + " witness + "
                + g.constantColumns() + " constant columns, max degree " + g.maxDegree());
        out.add("  FRI " + key.fri());
        out.add("  gates " + key.gates().size() + ", public inputs " + key.publicInputCount());
        out.add("  commitment " + key.commitment() + pinned(key.commitment()));
    }

    /** Which pinned key the commitment is, if any. */
    static String pinned(Digest commitment) {
        PinnedCommitments pins = PinnedCommitments.load();
        for (int v = pins.currentVersion(); v >= 1; v--) {
            for (String caps : List.of("small", "production")) {
                for (Map.Entry<CircuitType, Digest> e : pins.find(v, caps).orElse(Map.of()).entrySet()) {
                    if (e.getValue().equals(commitment)) {
                        return " (pinned: " + e.getKey().label + ", protocol version " + v + ", " + caps + " capacities)";
                    }
                }
            }
        }
        return " (not a pinned base circuit key)";
    }

    private static void setup(List<String> out, byte[] bytes) {
        SetupData setup;
        try {
            setup = SetupCodec.decode(bytes, ProverConfig.standard());
        } catch (FormatException standard) {
            if (!standard.getMessage().contains("FRI parameters")) {
                throw standard;
            }
            setup = SetupCodec.decode(bytes, ProverConfig.provenQueries());
        }
        out.add("setup data (PLSETUP1, version " + SetupCodec.version(bytes) + "), " + bytes.length + " bytes: " + setup.columns().length
                + " setup columns of " + setup.columns()[0].length + " rows, digest and setup cap checked");
        keyLines(out, setup.key());
    }

    private static void witnessInput(List<String> out, WitnessInputData d, int size) {
        out.add("witness input (PLWINPT1), " + size + " bytes");
        out.add("  chain " + d.chainId() + " batch " + d.batchNumber() + ", protocol version " + d.protocolVersion());
        out.add("  pre-state root " + d.preStateRoot());
        out.add("  " + d.transactions().size() + " transactions, " + d.accesses().size() + " account accesses");
    }

    private static void circuitInput(List<String> out, CircuitInstance c, int size) {
        out.add("circuit input (PLCINST1), " + size + " bytes");
        out.add("  " + c.type().label + " instance " + c.index() + ": " + c.inputs().length + " inputs, public inputs "
                + elements(c.publicInputs()));
    }

    private static void manifest(List<String> out, Manifest m, int size) {
        out.add("manifest (PLMANIF1), " + size + " bytes");
        out.add("  chain " + m.chainId() + " batch " + m.batchNumber() + ", protocol version " + m.protocolVersion());
        out.add("  post-state root " + m.header().postStateRoot());
        out.add("  instances: " + count(m.instances().stream().map(i -> i.type().label).toList()));
    }

    private static void batchProof(List<String> out, BatchProof b, int size) {
        out.add("batch proof bundle (PLBATCH1), " + size + " bytes");
        out.add("  chain " + b.chainId() + " batch " + b.batchNumber() + ", " + b.proofs().size() + " base proofs: "
                + count(b.proofs().stream().map(p -> p.type().label).toList()));
        for (BaseProof p : b.proofs()) {
            out.add("  " + p.type().label + " instance " + p.instance() + ": " + p.proof().length + " bytes, "
                    + p.publicInputs().length + " public inputs");
        }
    }

    private static void aggregated(List<String> out, AggregatedBatchProof a, int size) {
        out.add("aggregated batch proof (PLBATCH2), " + size + " bytes");
        out.add("  chain " + a.chainId() + " batch " + a.batchNumber() + ": one scheduler proof");
        proof(out, "  scheduler proof", a.scheduler(), ProofCodec.encode(a.scheduler()).length);
    }

    private static void witness(List<String> out, WitnessVector w, int size) {
        out.add("witness vector (PLWITNS1), " + size + " bytes: " + w.columns().length + " columns of " + w.columns()[0].length
                + " rows, " + w.publicInputs().length + " public inputs");
    }

    /** Field elements as the unsigned values they are. */
    static String elements(long[] values) {
        return Arrays.stream(values).mapToObj(Long::toUnsignedString).collect(Collectors.joining(", ", "[", "]"));
    }

    private static String count(List<String> labels) {
        Map<String, Long> counts = labels.stream().collect(Collectors.groupingBy(l -> l, TreeMap::new, Collectors.counting()));
        return counts.entrySet().stream().map(e -> e.getValue() + " " + e.getKey()).collect(Collectors.joining(", "));
    }
}
