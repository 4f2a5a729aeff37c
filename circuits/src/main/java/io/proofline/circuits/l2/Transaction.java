package io.proofline.circuits.l2;

import io.proofline.field.Goldilocks;

/**
 * An L2 transaction. One shape for all three kinds, as the circuit sees them:
 * <ul>
 *   <li>{@code DEPOSIT}: credit {@code amount} to {@code to}; {@code extra} becomes the owner of
 *       an account that has none yet. {@code from} and {@code nonce} are 0.</li>
 *   <li>{@code TRANSFER}: move {@code amount} from {@code from} to {@code to}; {@code nonce} must
 *       be the sender's. {@code extra} is 0.</li>
 *   <li>{@code WITHDRAW}: burn {@code amount} from {@code from} and emit an L2-to-L1 message to
 *       {@code extra}, the L1 recipient. {@code to} is 0.</li>
 * </ul>
 */
public record Transaction(Kind kind, long from, long to, long amount, long nonce, long extra) {

    /** The kinds, with the code the transaction hash chain uses. */
    public enum Kind {
        DEPOSIT(1), TRANSFER(2), WITHDRAW(3);

        public final int code;

        Kind(int code) {
            this.code = code;
        }

        public static Kind ofCode(long code) {
            for (Kind k : values()) {
                if (k.code == code) {
                    return k;
                }
            }
            throw new IllegalArgumentException("unknown transaction kind " + code);
        }
    }

    /** Number of field elements in {@link #elements()}. */
    public static final int ELEMENTS = 6;

    public Transaction {
        if (kind == null) {
            throw new IllegalArgumentException("transaction kind is required");
        }
        StateTree.checkIndex(from);
        StateTree.checkIndex(to);
        if (amount < 0 || amount > Account.MAX_BALANCE) {
            throw new IllegalArgumentException("amount " + amount + " outside [0, 2^62)");
        }
        if (nonce < 0 || nonce > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("nonce " + nonce + " outside [0, 2^31)");
        }
        if (!Goldilocks.isCanonical(extra)) {
            throw new IllegalArgumentException("extra must be a field element");
        }
    }

    public static Transaction deposit(long to, long amount, long owner) {
        return new Transaction(Kind.DEPOSIT, 0, to, amount, 0, owner);
    }

    public static Transaction transfer(long from, long to, long amount, long nonce) {
        return new Transaction(Kind.TRANSFER, from, to, amount, nonce, 0);
    }

    public static Transaction withdraw(long from, long amount, long nonce, long l1Recipient) {
        return new Transaction(Kind.WITHDRAW, from, 0, amount, nonce, l1Recipient);
    }

    /** {@code kind, from, to, amount, nonce, extra}: what the transaction hash chain absorbs. */
    public long[] elements() {
        return new long[] {kind.code, from, to, amount, nonce, extra};
    }

    public static Transaction fromElements(long[] e, int offset) {
        return new Transaction(Kind.ofCode(e[offset]), e[offset + 1], e[offset + 2], e[offset + 3], e[offset + 4], e[offset + 5]);
    }
}
