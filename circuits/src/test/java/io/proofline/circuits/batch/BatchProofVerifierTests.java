package io.proofline.circuits.batch;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.proofline.backend.ProverBackend;
import io.proofline.circuits.base.CircuitType;
import io.proofline.circuits.base.InstanceIo;
import io.proofline.circuits.l2.BatchHeader;
import io.proofline.circuits.l2.Commitments;
import io.proofline.fri.FriParameters;
import io.proofline.plonkish.Circuit;
import io.proofline.plonkish.CircuitBuilder;
import io.proofline.plonkish.Geometry;
import io.proofline.plonkish.PlonkishProver;
import io.proofline.plonkish.ProofCodec;
import io.proofline.plonkish.ProverConfig;
import io.proofline.plonkish.Setup;
import io.proofline.plonkish.SetupData;
import io.proofline.plonkish.VerificationKey;
import io.proofline.poseidon2.Digest;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every rejection of {@link BatchProofVerifier}, one link or one proof wrong at a time, each
 * asserting the stated reason. The base circuits are stood in for by circuits that make every
 * input public, so that a batch with any chaining can be proven in well under a second; the
 * verifier only ever sees keys, public inputs and proofs, and the real circuits are covered by
 * {@code BaseCircuitsTests}.
 */
class BatchProofVerifierTests {

    private static final ProverConfig CONFIG = new ProverConfig(ProverBackend.java(), new FriParameters(3, 4, 0, 3, 2, 1), 12);

    private static final Digest PRE = digest(1);
    private static final Digest POST = digest(2);

    /** Two transfer-execution instances and two storage-application instances that chain correctly. */
    private static final List<InstanceIo.Transfer> TRANSFERS = List.of(
            new InstanceIo.Transfer(Commitments.ZERO, digest(10), Commitments.ZERO, digest(20), Commitments.ZERO, digest(30)),
            new InstanceIo.Transfer(digest(10), digest(11), digest(20), digest(21), digest(30), digest(31)));
    private static final List<InstanceIo.Storage> STORAGE = List.of(
            new InstanceIo.Storage(PRE, digest(40), Commitments.ZERO, digest(50)),
            new InstanceIo.Storage(digest(40), POST, digest(50), digest(21)));
    private static final BatchHeader HEADER = new BatchHeader(7, 3, PRE, POST, digest(11), digest(31));

    static Map<CircuitType, SetupData> setups;
    static BatchProof honest;

    @BeforeAll
    static void proveTheBatch() {
        setups = new EnumMap<>(CircuitType.class);
        for (CircuitType type : CircuitType.values()) {
            setups.put(type, Setup.generate(allPublic(type.publicInputs), CONFIG));
        }
        honest = batch(TRANSFERS, STORAGE, true);
    }

    private static Digest digest(long seed) {
        return new Digest(seed, seed + 100, seed + 200, seed + 300);
    }

    /** A circuit whose public inputs are its inputs, whatever they are. */
    private static Circuit allPublic(int count) {
        CircuitBuilder b = new CircuitBuilder(new Geometry(4, 0, 2, 5, 8));
        for (int i = 0; i < count; i++) {
            b.publicInput(b.input());
        }
        return b.build();
    }

    private static byte[] prove(CircuitType type, long[] publicInputs) {
        Circuit circuit = allPublic(type.publicInputs);
        return ProofCodec.encode(new PlonkishProver(CONFIG).prove(circuit, setups.get(type), circuit.resolve(publicInputs)));
    }

    /** The batch of these instances; proven, or carrying the honest batch's proofs when {@code prove} is false. */
    private static BatchProof batch(List<InstanceIo.Transfer> transfers, List<InstanceIo.Storage> storage, boolean prove) {
        List<BaseProof> proofs = new ArrayList<>();
        for (int i = 0; i < transfers.size(); i++) {
            long[] pi = transfers.get(i).publicInputs();
            proofs.add(new BaseProof(CircuitType.TRANSFER_EXECUTION, i, pi,
                    prove ? prove(CircuitType.TRANSFER_EXECUTION, pi) : honest.proofs().get(i).proof()));
        }
        for (int i = 0; i < storage.size(); i++) {
            long[] pi = storage.get(i).publicInputs();
            proofs.add(new BaseProof(CircuitType.STORAGE_APPLICATION, i, pi,
                    prove ? prove(CircuitType.STORAGE_APPLICATION, pi) : honest.proofs().get(transfers.size() + i).proof()));
        }
        return new BatchProof(HEADER.chainId(), HEADER.batchNumber(), proofs);
    }

    private static BatchProofVerifier verifier() {
        Map<CircuitType, VerificationKey> keys = new EnumMap<>(CircuitType.class);
        setups.forEach((type, setup) -> keys.put(type, setup.key()));
        return new BatchProofVerifier(keys, CONFIG.securityBits());
    }

    private static String rejection(BatchHeader header, BatchProof proof) {
        return assertThrows(BatchProofRejectedException.class, () -> verifier().verify(header, proof)).getMessage();
    }

    @Test
    void theHonestBatchVerifies() {
        assertDoesNotThrow(() -> verifier().verify(HEADER, honest));
        assertDoesNotThrow(() -> BatchProofVerifier.checkChaining(HEADER, honest));
    }

    private static Arguments transfer(int i, UnaryOperator<InstanceIo.Transfer> change, String reason) {
        List<InstanceIo.Transfer> t = new ArrayList<>(TRANSFERS);
        t.set(i, change.apply(t.get(i)));
        return Arguments.of("transfer " + i, t, STORAGE, reason);
    }

    private static Arguments storage(int i, UnaryOperator<InstanceIo.Storage> change, String reason) {
        List<InstanceIo.Storage> s = new ArrayList<>(STORAGE);
        s.set(i, change.apply(s.get(i)));
        return Arguments.of("storage " + i, TRANSFERS, s, reason);
    }

    /** Each public input that takes part in a link, changed alone, with the reason that must name it. */
    static Stream<Arguments> brokenLinks() {
        Digest x = digest(99);
        String empty = "first transfer execution does not start from empty chains";
        String next = "transfer execution instance 1 does not continue instance 0";
        String storageNext = "storage application instance 1 does not continue instance 0";
        return Stream.of(
                transfer(0, t -> new InstanceIo.Transfer(x, t.txOut(), t.logIn(), t.logOut(), t.withdrawalsIn(), t.withdrawalsOut()), empty),
                transfer(0, t -> new InstanceIo.Transfer(t.txIn(), t.txOut(), x, t.logOut(), t.withdrawalsIn(), t.withdrawalsOut()), empty),
                transfer(0, t -> new InstanceIo.Transfer(t.txIn(), t.txOut(), t.logIn(), t.logOut(), x, t.withdrawalsOut()), empty),
                transfer(1, t -> new InstanceIo.Transfer(x, t.txOut(), t.logIn(), t.logOut(), t.withdrawalsIn(), t.withdrawalsOut()), next),
                transfer(1, t -> new InstanceIo.Transfer(t.txIn(), t.txOut(), x, t.logOut(), t.withdrawalsIn(), t.withdrawalsOut()), next),
                transfer(1, t -> new InstanceIo.Transfer(t.txIn(), t.txOut(), t.logIn(), t.logOut(), x, t.withdrawalsOut()), next),
                transfer(1, t -> new InstanceIo.Transfer(t.txIn(), x, t.logIn(), t.logOut(), t.withdrawalsIn(), t.withdrawalsOut()),
                        "transactions proven differ from the batch's (txCommitment)"),
                transfer(1, t -> new InstanceIo.Transfer(t.txIn(), t.txOut(), t.logIn(), t.logOut(), t.withdrawalsIn(), x),
                        "withdrawals proven differ from the batch's (withdrawalsCommitment)"),
                transfer(1, t -> new InstanceIo.Transfer(t.txIn(), t.txOut(), t.logIn(), x, t.withdrawalsIn(), t.withdrawalsOut()),
                        "storage application did not apply exactly the access log of transfer execution"),
                storage(0, s -> new InstanceIo.Storage(x, s.rootOut(), s.logIn(), s.logOut()),
                        "storage application does not start from preStateRoot"),
                storage(0, s -> new InstanceIo.Storage(s.rootIn(), s.rootOut(), x, s.logOut()),
                        "storage application does not start from an empty log"),
                storage(1, s -> new InstanceIo.Storage(x, s.rootOut(), s.logIn(), s.logOut()), storageNext),
                storage(1, s -> new InstanceIo.Storage(s.rootIn(), s.rootOut(), x, s.logOut()), storageNext),
                storage(1, s -> new InstanceIo.Storage(s.rootIn(), x, s.logIn(), s.logOut()),
                        "state root proven differs from postStateRoot"),
                storage(1, s -> new InstanceIo.Storage(s.rootIn(), s.rootOut(), s.logIn(), x),
                        "storage application did not apply exactly the access log of transfer execution"));
    }

    @ParameterizedTest(name = "{0}: {3}")
    @MethodSource("brokenLinks")
    void aBrokenLinkIsRejectedByItsOwnCheck(String where, List<InstanceIo.Transfer> transfers, List<InstanceIo.Storage> storage,
                                            String reason) {
        // given honestly proven instances whose public inputs break exactly one link
        BatchProof proof = batch(transfers, storage, true);

        // then the chaining check names that link, before any proof is looked at
        assertEquals(reason, rejection(HEADER, proof));
    }

    @Test
    void anotherBatchsIdentityIsRejected() {
        assertEquals("proof is for chain 7 batch 3, not chain 8 batch 3", rejection(new BatchHeader(8, 3, PRE, POST,
                HEADER.txCommitment(), HEADER.withdrawalsCommitment()), honest));
        assertEquals("proof is for chain 7 batch 3, not chain 7 batch 4", rejection(new BatchHeader(7, 4, PRE, POST,
                HEADER.txCommitment(), HEADER.withdrawalsCommitment()), honest));
    }

    @Test
    void bothCircuitTypesAreRequiredAndInstancesMustBeInOrder() {
        // given the honest batch without its storage instances, or without its transfer instances
        List<BaseProof> all = honest.proofs();
        String both = "a batch proof needs at least one instance of each circuit type";
        assertEquals(both, rejection(HEADER, new BatchProof(7, 3, all.subList(0, 2))));
        assertEquals(both, rejection(HEADER, new BatchProof(7, 3, all.subList(2, 4))));

        // given instances numbered out of place, or with the other type's number of public inputs
        List<BaseProof> reordered = new ArrayList<>(all);
        reordered.set(2, new BaseProof(CircuitType.STORAGE_APPLICATION, 1, all.get(2).publicInputs(), all.get(2).proof()));
        assertEquals("storage_application instances out of order: position 0 holds instance 1", rejection(HEADER,
                new BatchProof(7, 3, reordered)));
        List<BaseProof> widened = new ArrayList<>(all);
        widened.set(1, new BaseProof(CircuitType.TRANSFER_EXECUTION, 1, all.get(3).publicInputs(), all.get(1).proof()));
        assertEquals("transfer_execution instance 1 has 16 public inputs", rejection(HEADER, new BatchProof(7, 3, widened)));
    }

    @Test
    void everyBaseProofIsVerifiedAgainstItsTypesKey() {
        List<BaseProof> all = honest.proofs();

        // a chain that holds, but one proof made for other public inputs (the other instance's)
        List<BaseProof> swapped = new ArrayList<>(all);
        swapped.set(1, new BaseProof(CircuitType.TRANSFER_EXECUTION, 1, all.get(1).publicInputs(), all.get(0).proof()));
        assertEquals("transfer_execution instance 1: proof does not verify: constraints do not match the quotient at the "
                + "challenge point", rejection(HEADER, new BatchProof(7, 3, swapped)));
        assertDoesNotThrow(() -> BatchProofVerifier.checkChaining(HEADER, new BatchProof(7, 3, swapped)));

        // a proof that is not one at all
        List<BaseProof> garbled = new ArrayList<>(all);
        garbled.set(3, new BaseProof(CircuitType.STORAGE_APPLICATION, 1, all.get(3).publicInputs(), new byte[16]));
        assertTrue(rejection(HEADER, new BatchProof(7, 3, garbled)).startsWith("storage_application instance 1: malformed proof: "));

        // a type without a registered key
        Map<CircuitType, VerificationKey> keys = Map.of(CircuitType.TRANSFER_EXECUTION, setups.get(CircuitType.TRANSFER_EXECUTION).key());
        BatchProofRejectedException e = assertThrows(BatchProofRejectedException.class,
                () -> new BatchProofVerifier(keys, CONFIG.securityBits()).verify(HEADER, honest));
        assertEquals("no verification key registered for storage_application", e.getMessage());
    }
}
