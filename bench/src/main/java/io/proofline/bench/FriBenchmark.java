package io.proofline.bench;

import io.proofline.backend.ProverBackend;
import io.proofline.field.Goldilocks;
import io.proofline.fri.FriParameters;
import io.proofline.fri.FriProof;
import io.proofline.fri.FriProver;
import io.proofline.fri.FriVerifier;
import io.proofline.transcript.Transcript;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * FRI on a degree-2^16 polynomial over the extension field at 100 bits of conjectured security
 * (LDE factor 8, 16 proof-of-work bits, 28 queries, folding by 8): the prover from the LDE codeword (commit
 * phase, grinding and queries, not the LDE itself), and the verifier of the resulting proof.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g", "--add-modules=jdk.incubator.vector"})
public class FriBenchmark {

    private static final int LOG_DEGREE = 16;
    private static final String DOMAIN = "proofline-fri-bench";

    private final FriParameters params = FriParameters.forSecurity(100, 3, 16);
    private long[][] codeword;
    private FriProof proof;

    @Setup
    public void setup() {
        SplittableRandom rnd = new SplittableRandom(17);
        long[][] coefficients = new long[2][1 << LOG_DEGREE];
        for (long[] column : coefficients) {
            for (int i = 0; i < column.length; i++) {
                column[i] = Goldilocks.canonical(rnd.nextLong());
            }
        }
        codeword = ProverBackend.java().ntt().cosetLde(coefficients, params.logBlowup(), Goldilocks.GENERATOR);
        proof = prove();
    }

    @Benchmark
    public FriProof prove() {
        return new FriProver(params, ProverBackend.java()).prove(new Transcript(DOMAIN), codeword[0], codeword[1], LOG_DEGREE);
    }

    @Benchmark
    public FriProof verify() {
        new FriVerifier(params).verify(new Transcript(DOMAIN), proof, LOG_DEGREE);
        return proof;
    }
}
