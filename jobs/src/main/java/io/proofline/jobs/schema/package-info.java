/** Support for the job application's schema migrations (the migrations are in {@code db.migration.jobs}). */
package io.proofline.jobs.schema;
