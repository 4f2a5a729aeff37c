package io.proofline.core.sequencer;

import io.proofline.circuits.l2.Account;
import io.proofline.circuits.l2.StateTree;
import io.proofline.core.CoreProperties;
import io.proofline.core.api.ApiException;
import io.proofline.core.batches.BatchRepository;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** The sequencer's HTTP face: accepting transactions, reading accounts, sealing on demand. */
@RestController
final class SequencerController {

    private final Sequencer sequencer;
    private final BatchRepository batches;
    private final CoreProperties properties;

    SequencerController(Sequencer sequencer, BatchRepository batches, CoreProperties properties) {
        this.sequencer = sequencer;
        this.batches = batches;
        this.properties = properties;
    }

    /** 202 with the transaction's position once it is stored; 400 with the reason if it cannot apply. */
    @PostMapping(path = "/transactions", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Sequencer.Accepted> submit(@RequestBody TransactionRequest request) {
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(sequencer.submit(request.toTransaction()));
    }

    /** An account as committed (sealed) and as pending transactions leave it; the nonce to use next is the pending one. */
    @GetMapping(path = "/accounts/{index}", produces = MediaType.APPLICATION_JSON_VALUE)
    AccountView account(@PathVariable long index) {
        if (index < 0 || index >= StateTree.CAPACITY) {
            throw ApiException.badRequest("account " + index + " outside [0, " + StateTree.CAPACITY + ")");
        }
        return new AccountView(index, sequencer.committedAccount(index), sequencer.pendingAccount(index));
    }

    /** Seals whatever is pending now instead of waiting for size or age; 204 when nothing is pending. */
    @PostMapping(path = "/batches/seal", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Sequencer.Sealed> seal() {
        return sequencer.sealNow().map(ResponseEntity::ok).orElseGet(() -> ResponseEntity.noContent().build());
    }

    @GetMapping(path = "/status", produces = MediaType.APPLICATION_JSON_VALUE)
    CoreStatus status() {
        return new CoreStatus(properties.chainId(), properties.protocolVersion(), sequencer.status(), batches.countByStatus());
    }

    record AccountView(long index, Account committed, Account pending) {
    }

    record CoreStatus(long chainId, int protocolVersion, Sequencer.Status sequencer, Map<String, Long> batches) {
    }
}
