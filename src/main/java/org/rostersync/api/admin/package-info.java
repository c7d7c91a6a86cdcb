/**
 * The operators' admin API under /api: tenants, sources, API clients, runs and their issues. Thin controllers over the
 * services. May use {@code tenant}, {@code operator}, {@code report}, {@code pipeline}.
 */
package org.rostersync.api.admin;
