/**
 * Tenants, their sources (SIS feeds) with hosted SFTP credentials, and their API clients. May use {@code config},
 * {@code database} and {@code security}.
 */
package org.rostersync.tenant;
