package io.proofline.circuits.l2;

import io.proofline.poseidon2.Digest;
import io.proofline.poseidon2.Poseidon2Hash;
import java.util.List;

/**
 * An account: balance, nonce (transactions sent) and owner (an opaque field element, set by the
 * first deposit). The empty account is all zeros.
 */
public record Account(long balance, long nonce, long owner) {

    /** Bits of a balance or amount. */
    public static final int BALANCE_BITS = 62;
    public static final long MAX_BALANCE = (1L << BALANCE_BITS) - 1;

    public static final Account EMPTY = new Account(0, 0, 0);

    public Account {
        if (balance < 0 || balance > MAX_BALANCE) {
            throw new IllegalArgumentException("balance " + balance + " outside [0, 2^62)");
        }
        if (nonce < 0 || nonce > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("nonce " + nonce + " outside [0, 2^31)");
        }
        if (!io.proofline.field.Goldilocks.isCanonical(owner)) {
            throw new IllegalArgumentException("owner must be a field element");
        }
    }

    /** The tree leaf: {@code Poseidon2(balance, nonce, owner)}. */
    public Digest leaf() {
        return Poseidon2Hash.hash(new long[] {balance, nonce, owner});
    }

    /** The leaves of {@code accounts}, as {@link #leaf()} of each, hashed in batches. */
    public static Digest[] leaves(List<Account> accounts) {
        int n = accounts.size();
        long[][] columns = new long[3][n];
        for (int k = 0; k < n; k++) {
            Account a = accounts.get(k);
            columns[0][k] = a.balance;
            columns[1][k] = a.nonce;
            columns[2][k] = a.owner;
        }
        long[] digests = new long[Digest.ELEMENTS * n];
        Poseidon2Hash.hashRows(columns, 0, n, digests);
        Digest[] leaves = new Digest[n];
        for (int k = 0; k < n; k++) {
            leaves[k] = Digest.fromArray(digests, Digest.ELEMENTS * k);
        }
        return leaves;
    }

    public long[] elements() {
        return new long[] {balance, nonce, owner};
    }
}
