package io.proofline.core.sequencer;

import io.proofline.circuits.l2.Transaction;
import io.proofline.core.api.ApiException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The JSON of {@code POST /transactions}. Each kind takes exactly its own fields, so that a
 * misspelt or misplaced field is reported instead of silently defaulting to 0:
 * <ul>
 *   <li>{@code deposit}: {@code to, amount, owner}</li>
 *   <li>{@code transfer}: {@code from, to, amount, nonce}</li>
 *   <li>{@code withdraw}: {@code from, amount, nonce, l1Recipient}</li>
 * </ul>
 */
record TransactionRequest(String kind, Long from, Long to, Long amount, Long nonce, Long owner, Long l1Recipient) {

    /** @throws ApiException (400) naming the missing, superfluous or out-of-range field */
    Transaction toTransaction() {
        if (kind == null) {
            throw ApiException.badRequest("missing field 'kind' (deposit, transfer or withdraw)");
        }
        Transaction.Kind k;
        try {
            k = Transaction.Kind.valueOf(kind.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("unknown transaction kind '" + kind + "' (use deposit, transfer or withdraw)");
        }
        try {
            return switch (k) {
                case DEPOSIT -> {
                    fields(k, List.of("to", "amount", "owner"));
                    yield Transaction.deposit(to, amount, owner);
                }
                case TRANSFER -> {
                    fields(k, List.of("from", "to", "amount", "nonce"));
                    yield Transaction.transfer(from, to, amount, nonce);
                }
                case WITHDRAW -> {
                    fields(k, List.of("from", "amount", "nonce", "l1Recipient"));
                    yield Transaction.withdraw(from, amount, nonce, l1Recipient);
                }
            };
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("invalid " + SequencerStore.kindName(k) + ": " + e.getMessage());
        }
    }

    private void fields(Transaction.Kind k, List<String> required) {
        String name = SequencerStore.kindName(k);
        List<String> missing = new ArrayList<>();
        List<String> superfluous = new ArrayList<>();
        check("from", from, required, missing, superfluous);
        check("to", to, required, missing, superfluous);
        check("amount", amount, required, missing, superfluous);
        check("nonce", nonce, required, missing, superfluous);
        check("owner", owner, required, missing, superfluous);
        check("l1Recipient", l1Recipient, required, missing, superfluous);
        if (!missing.isEmpty()) {
            throw ApiException.badRequest("a " + name + " needs " + String.join(", ", required) + "; missing: "
                    + String.join(", ", missing));
        }
        if (!superfluous.isEmpty()) {
            throw ApiException.badRequest("a " + name + " takes only " + String.join(", ", required) + "; remove: "
                    + String.join(", ", superfluous));
        }
    }

    private static void check(String field, Long value, List<String> required, List<String> missing, List<String> superfluous) {
        if (required.contains(field) && value == null) {
            missing.add(field);
        } else if (!required.contains(field) && value != null) {
            superfluous.add(field);
        }
    }
}
