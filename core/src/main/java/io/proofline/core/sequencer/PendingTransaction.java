package io.proofline.core.sequencer;

import io.proofline.circuits.l2.Transaction;
import java.time.Instant;

/** An accepted transaction waiting to be sealed: its position in the sequencer's order and arrival time. */
record PendingTransaction(long position, Transaction transaction, Instant receivedAt) {
}
