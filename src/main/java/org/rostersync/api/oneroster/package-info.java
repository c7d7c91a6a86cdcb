/**
 * The OneRoster 1.1 REST binding under /ims/oneroster/v1p1: envelopes, GUIDRefs, paging and imsx status info, for API
 * clients confined to their tenant; how they authenticate (bearer tokens of /oauth/token, OAuth 1.0a signatures, HTTP
 * Basic) and which scopes reach which endpoint; each client's rate limit and the audit trail of its reads. May use
 * {@code config}, {@code database} (the nonces' store), {@code roster}, {@code tenant}, {@code oneroster},
 * {@code security}, {@code report} (the audit trail's store).
 */
package org.rostersync.api.oneroster;
