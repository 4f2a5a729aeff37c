-- The core's tables. Every name starts with core_ so that the core can share a database with
-- the proving pipeline's own tables.

-- Which verification keys each protocol version accepts proofs against (commitments as 0x-hex).
CREATE TABLE core_protocol_versions (
    protocol_version        INTEGER     PRIMARY KEY,
    transfer_execution_key  TEXT        NOT NULL,
    storage_application_key TEXT        NOT NULL,
    capacities              TEXT        NOT NULL,
    registered_at           TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- The committed state: every non-empty account after the last sealed batch. The state tree is
-- rebuilt from it at startup. owner is a field element stored as a signed 64-bit word.
CREATE TABLE core_accounts (
    account_index INTEGER PRIMARY KEY CHECK (account_index >= 0),
    balance       BIGINT  NOT NULL CHECK (balance >= 0),
    nonce         BIGINT  NOT NULL CHECK (nonce >= 0),
    owner         BIGINT  NOT NULL
);

-- Transactions accepted but not yet sealed into a batch, in order.
CREATE TABLE core_pending_transactions (
    position     BIGSERIAL   PRIMARY KEY,
    kind         TEXT        NOT NULL CHECK (kind IN ('deposit', 'transfer', 'withdraw')),
    from_account BIGINT      NOT NULL,
    to_account   BIGINT      NOT NULL,
    amount       BIGINT      NOT NULL,
    nonce        BIGINT      NOT NULL,
    extra        BIGINT      NOT NULL,
    received_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Sealed batches: header (digests as 0x-hex), witness input (WitnessInputCodec bytes) and the
-- proving status. sealed: waiting for a prover; picked: handed out at picked_at; proven: proof
-- (BatchProofCodec bytes) verified and stored.
CREATE TABLE core_batches (
    batch_number           BIGINT      PRIMARY KEY CHECK (batch_number >= 1),
    chain_id               BIGINT      NOT NULL,
    protocol_version       INTEGER     NOT NULL REFERENCES core_protocol_versions (protocol_version),
    pre_state_root         TEXT        NOT NULL,
    post_state_root        TEXT        NOT NULL,
    tx_commitment          TEXT        NOT NULL,
    withdrawals_commitment TEXT        NOT NULL,
    commitment             TEXT        NOT NULL,
    transaction_count      INTEGER     NOT NULL,
    first_position         BIGINT      NOT NULL,
    last_position          BIGINT      NOT NULL,
    witness_input          BYTEA       NOT NULL,
    status                 TEXT        NOT NULL DEFAULT 'sealed' CHECK (status IN ('sealed', 'picked', 'proven')),
    sealed_at              TIMESTAMPTZ NOT NULL DEFAULT now(),
    picked_at              TIMESTAMPTZ,
    proven_at              TIMESTAMPTZ,
    proof                  BYTEA,
    attempts               INTEGER     NOT NULL DEFAULT 0,
    CHECK ((status = 'proven') = (proof IS NOT NULL AND proven_at IS NOT NULL)),
    CHECK (status <> 'picked' OR picked_at IS NOT NULL)
);

-- The proof data handler looks for the oldest unproven batch.
CREATE INDEX core_batches_unproven ON core_batches (batch_number) WHERE status <> 'proven';
