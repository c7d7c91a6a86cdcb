/**
 * The operators' admin API under /api, for the operator {@code admin} and operators' API tokens (a tenant operator's
 * within its own tenant): tenants, operators, sources and their settings, API clients, runs and their issues, the audit
 * trails, the caller's own account. Thin controllers over the services. May use
 * {@code tenant}, {@code operator}, {@code security}, {@code report}, {@code pipeline}, {@code schedule},
 * {@code intake.sftp}, {@code intake.remote}, {@code notify}, {@code roster} (the records of a run's changes).
 */
package org.rostersync.api.admin;
