package io.proofline.storage.tables;

/**
 * The attempt life cycle that every table of units of work shares (circuit instances,
 * aggregation proofs): {@code queued -> in_progress -> successful | failed}, back to
 * {@code queued} on a requeue. Two writers share it. The claim is the worker's: it takes a
 * queued row ({@code in_progress}), beats, and records its proof while it still holds the row;
 * each of those statements is conditional on the status and the worker, so that concurrent
 * workers and the house keeper never both win. The outcome ({@code successful} or
 * {@code failed}) is the worker step's: a listener writes it from the partition's step
 * execution (see io.proofline.steps.AttemptOutcomeListener). The house keeper also writes
 * {@code failed} when a claim's heartbeats stop, since a dead worker's listener never runs.
 *
 * @param table the table's name
 * @param key the SQL condition selecting one row by its named parameters
 */
record AttemptStatements(String table, String key) {

    /** Takes a queued row for {@code :worker}: one more attempt, heartbeat now. */
    String start() {
        return "UPDATE " + table + """
                 SET status = 'in_progress', attempts = attempts + 1, worker_id = :worker, started_at = now(),
                    heartbeat_at = now(), finished_at = NULL, updated_at = now()
                WHERE\s""" + key + " AND status = 'queued'";
    }

    /** Beats for {@code :worker}'s attempt; no row when the attempt was taken from it. */
    String heartbeat() {
        return "UPDATE " + table + " SET heartbeat_at = now() WHERE " + key + " AND status = 'in_progress' AND worker_id = :worker";
    }

    /**
     * The outcome of a partition whose step completed: successful, provided that a proof is
     * recorded (by this attempt or by an earlier one that a restart reused).
     */
    String succeed() {
        return "UPDATE " + table + " SET status = 'successful', updated_at = now() WHERE " + key + " AND proof_key IS NOT NULL";
    }

    /** Fails the attempt in progress with {@code :error}: {@code :worker}'s, or whichever worker's when it is null. */
    String fail() {
        return "UPDATE " + table + """
                 SET status = 'failed', error = :error, finished_at = now(), updated_at = now()
                WHERE\s""" + key + " AND status = 'in_progress' AND (CAST(:worker AS TEXT) IS NULL OR worker_id = :worker)";
    }

    /** Back in the queue from in progress or failed, keeping the attempt count and the last error. */
    String requeue() {
        return "UPDATE " + table + """
                 SET status = 'queued', worker_id = NULL, heartbeat_at = NULL, started_at = NULL, finished_at = NULL,
                    updated_at = now()
                WHERE\s""" + key + " AND status IN ('in_progress', 'failed')";
    }
}
