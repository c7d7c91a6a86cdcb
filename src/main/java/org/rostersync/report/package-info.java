/**
 * Runs, their per-file counts and their issues: storage and reads; and the stores of the two audit trails, the SFTP
 * server's events and the OneRoster API's reads. May use {@code database} only.
 */
package org.rostersync.report;
