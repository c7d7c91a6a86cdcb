/**
 * The OneRoster 1.1 CSV binding: the rostering files and their columns, the manifest, a streaming CSV reader that
 * yields raw rows with line numbers, and field parsers. Uses nothing of ours.
 */
package org.rostersync.oneroster;
