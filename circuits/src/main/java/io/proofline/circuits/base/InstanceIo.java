package io.proofline.circuits.base;

import io.proofline.poseidon2.Digest;

/** The closed-form inputs and outputs of base circuit instances, as laid out in their public inputs. */
public final class InstanceIo {

    private InstanceIo() {
    }

    /** Transfer execution: {@code txIn, txOut, logIn, logOut, withdrawalsIn, withdrawalsOut}. */
    public record Transfer(Digest txIn, Digest txOut, Digest logIn, Digest logOut, Digest withdrawalsIn,
                           Digest withdrawalsOut) {

        public static Transfer of(long[] pi) {
            return new Transfer(d(pi, 0), d(pi, 4), d(pi, 8), d(pi, 12), d(pi, 16), d(pi, 20));
        }

        public long[] publicInputs() {
            return concat(txIn, txOut, logIn, logOut, withdrawalsIn, withdrawalsOut);
        }
    }

    /** Storage application: {@code rootIn, rootOut, logIn, logOut}. */
    public record Storage(Digest rootIn, Digest rootOut, Digest logIn, Digest logOut) {

        public static Storage of(long[] pi) {
            return new Storage(d(pi, 0), d(pi, 4), d(pi, 8), d(pi, 12));
        }

        public long[] publicInputs() {
            return concat(rootIn, rootOut, logIn, logOut);
        }
    }

    private static Digest d(long[] pi, int offset) {
        return Digest.fromArray(pi, offset);
    }

    private static long[] concat(Digest... digests) {
        long[] out = new long[4 * digests.length];
        for (int i = 0; i < digests.length; i++) {
            digests[i].intoArray(out, 4 * i);
        }
        return out;
    }
}
