/**
 * Runs, their per-file counts and their issues: storage and reads. Uses {@code database} only.
 */
package org.rostersync.report;
