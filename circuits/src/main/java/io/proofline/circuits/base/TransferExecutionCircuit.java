package io.proofline.circuits.base;

import static io.proofline.circuits.base.Gadgets.chain;
import static io.proofline.circuits.base.Gadgets.concat;
import static io.proofline.circuits.base.Gadgets.hash;
import static io.proofline.circuits.base.Gadgets.select;

import io.proofline.circuits.l2.Account;
import io.proofline.plonkish.CircuitBuilder;
import io.proofline.plonkish.Variable;
import java.util.Arrays;

/**
 * Circuit 1, transfer execution (the "main VM"): applies up to K transactions in order.
 *
 * <p>Per slot it takes the transaction ({@code isDeposit, isTransfer, isWithdraw, from, to,
 * amount, nonce, extra}) and the old state of the accounts it touches (A: the receiver of a
 * deposit or the sender otherwise; B: the receiver of a transfer). It checks the nonce, range-
 * checks the amount and the new balances to 62 bits (which rules out overdrafts and overflows),
 * sets the owner on a first deposit, and emits each touched account's
 * {@code (account, oldLeaf, newLeaf)} to the access-log chain. The old leaves are not checked
 * here: storage application checks them against the state tree in log order. Empty slots
 * (all flags 0) change nothing.
 *
 * <p>Inputs: {@code txIn, logIn, withdrawalsIn} (4 each), then 14 per slot. Public inputs:
 * {@link InstanceIo.Transfer}.
 *
 * <p>The 62-bit range checks take a third of a row each with base-4 limbs in witness-only
 * cells where {@code limbRangeChecks} (protocol version 3 on), four rows of booleans otherwise
 * (versions 1 and 2): about 17.5 rows a transaction instead of 28.5.
 */
public final class TransferExecutionCircuit {

    /** Inputs per transaction slot. */
    public static final int SLOT_INPUTS = 14;
    public static final int HEADER_INPUTS = 12;

    private TransferExecutionCircuit() {
    }

    public static void define(CircuitBuilder b, int slots, boolean limbRangeChecks) {
        Variable[] txIn = b.inputs(4);
        Variable[] logIn = b.inputs(4);
        Variable[] withdrawalsIn = b.inputs(4);
        Variable[] tx = txIn;
        Variable[] log = logIn;
        Variable[] withdrawals = withdrawalsIn;
        Variable zero = b.constant(0);
        Variable one = b.constant(1);
        for (int s = 0; s < slots; s++) {
            Variable[] in = b.inputs(SLOT_INPUTS);
            Variable isDeposit = in[0];
            Variable isTransfer = in[1];
            Variable isWithdraw = in[2];
            Variable from = in[3];
            Variable to = in[4];
            Variable amount = in[5];
            Variable nonce = in[6];
            Variable extra = in[7];
            Variable[] oldA = Arrays.copyOfRange(in, 8, 11);
            Variable[] oldB = Arrays.copyOfRange(in, 11, 14);

            b.assertBoolean(isDeposit);
            b.assertBoolean(isTransfer);
            b.assertBoolean(isWithdraw);
            Variable debits = b.add(isTransfer, isWithdraw);
            Variable active = b.add(isDeposit, debits);
            b.assertBoolean(active);
            Variable kind = b.fma(3, isWithdraw, one, 1, b.fma(2, isTransfer, one, 1, isDeposit));
            rangeCheck(b, amount, limbRangeChecks);

            // account A: credited by a deposit, debited (with its nonce checked and advanced) otherwise
            Variable accountA = b.select(isDeposit, to, from);
            Variable delta = b.mul(b.sub(isDeposit, debits), amount);
            Variable balanceA = b.add(oldA[0], delta);
            rangeCheck(b, balanceA, limbRangeChecks);
            b.assertEqual(b.mul(b.sub(nonce, oldA[1]), debits), zero);
            Variable nonceA = b.add(oldA[1], debits);
            Variable claimOwner = b.mul(isDeposit, b.isZero(oldA[2]));
            Variable ownerA = b.select(claimOwner, extra, oldA[2]);

            // account B: credited by a transfer
            Variable balanceB = b.add(oldB[0], b.mul(isTransfer, amount));
            rangeCheck(b, balanceB, limbRangeChecks);

            Variable[] oldLeafA = hash(b, oldA);
            Variable[] newLeafA = hash(b, balanceA, nonceA, ownerA);
            Variable[] oldLeafB = hash(b, oldB);
            Variable[] newLeafB = hash(b, balanceB, oldB[1], oldB[2]);

            log = select(b, active, chain(b, log, concat(new Variable[] {accountA}, oldLeafA, newLeafA)), log);
            log = select(b, isTransfer, chain(b, log, concat(new Variable[] {to}, oldLeafB, newLeafB)), log);
            tx = select(b, active, chain(b, tx, kind, from, to, amount, nonce, extra), tx);
            withdrawals = select(b, isWithdraw, chain(b, withdrawals, from, amount, extra), withdrawals);
        }
        Gadgets.publicInputs(b, concat(txIn, tx, logIn, log, withdrawalsIn, withdrawals));
    }

    /** {@code v} below {@code 2^}{@link Account#BALANCE_BITS}. */
    private static void rangeCheck(CircuitBuilder b, Variable v, boolean limbs) {
        if (limbs) {
            b.rangeCheck62(v);
        } else {
            b.rangeCheck(v, Account.BALANCE_BITS);
        }
    }
}
