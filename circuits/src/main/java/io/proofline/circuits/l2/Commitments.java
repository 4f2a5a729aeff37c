package io.proofline.circuits.l2;

import io.proofline.poseidon2.Digest;
import io.proofline.poseidon2.Poseidon2Hash;

/**
 * The hash chains and the batch commitment, as the circuits compute them.
 *
 * <ul>
 *   <li>transactions: {@code h' = Poseidon2(h || kind, from, to, amount, nonce, extra)} from
 *       the zero digest;</li>
 *   <li>withdrawals: {@code w' = Poseidon2(w || from, amount, l1Recipient)} from zero;</li>
 *   <li>the access log: {@code q' = Poseidon2(q || account, oldLeaf, newLeaf)} from zero;</li>
 *   <li>{@code batchCommitment = Poseidon2(chainId, batchNumber, preStateRoot, postStateRoot,
 *       txCommitment, withdrawalsCommitment)}.</li>
 * </ul>
 */
public final class Commitments {

    public static final Digest ZERO = new Digest(0, 0, 0, 0);

    private Commitments() {
    }

    public static Digest chain(Digest previous, long... elements) {
        long[] input = new long[4 + elements.length];
        previous.intoArray(input, 0);
        System.arraycopy(elements, 0, input, 4, elements.length);
        return Poseidon2Hash.hash(input);
    }

    public static Digest transaction(Digest previous, Transaction tx) {
        return chain(previous, tx.elements());
    }

    public static Digest withdrawal(Digest previous, Transaction tx) {
        return chain(previous, tx.from(), tx.amount(), tx.extra());
    }

    public static Digest logEntry(Digest previous, long account, Digest oldLeaf, Digest newLeaf) {
        long[] e = new long[9];
        e[0] = account;
        oldLeaf.intoArray(e, 1);
        newLeaf.intoArray(e, 5);
        return chain(previous, e);
    }

    public static Digest batch(long chainId, long batchNumber, Digest preStateRoot, Digest postStateRoot,
                               Digest txCommitment, Digest withdrawalsCommitment) {
        long[] input = new long[18];
        input[0] = chainId;
        input[1] = batchNumber;
        preStateRoot.intoArray(input, 2);
        postStateRoot.intoArray(input, 6);
        txCommitment.intoArray(input, 10);
        withdrawalsCommitment.intoArray(input, 14);
        return Poseidon2Hash.hash(input);
    }
}
