/**
 * The house keeper role: periodic tasks that heal stuck work (lost partitions and requests, failed
 * and orphaned jobs) and prune old records, acting only while holding a PostgreSQL advisory lock.
 */
package io.proofline.jobs.housekeeper;
