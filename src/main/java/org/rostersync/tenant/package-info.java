/**
 * Tenants, their sources (SIS feeds) with their settings (hosted SFTP account, schedule, school and attribute mappings,
 * data requirements, safeguards, notifications), their API clients, and the settings audit log that records every change
 * of them (who, when, each field before and after). May use {@code config}, {@code database} and
 * {@code security}.
 */
package org.rostersync.tenant;
