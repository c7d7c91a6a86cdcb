/** Runs, their per-file counts and their issues: storage and reads. Uses nothing above it. */
package org.rostersync.report;
