/**
 * Tenants, their sources (SIS feeds) with their settings (hosted SFTP account, schedule, school and attribute mappings,
 * data requirements, safeguards, notifications), and their API clients. May use {@code config}, {@code database} and
 * {@code security}.
 */
package org.rostersync.tenant;
