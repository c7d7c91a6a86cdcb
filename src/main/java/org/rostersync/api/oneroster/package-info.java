/**
 * The OneRoster 1.1 REST binding under /ims/oneroster/v1p1: envelopes, GUIDRefs, paging and imsx status info, for API
 * clients confined to their tenant; how they authenticate (bearer tokens of /oauth/token, OAuth 1.0a signatures, HTTP
 * Basic) and which scopes reach which endpoint. May use {@code roster}, {@code tenant}, {@code oneroster}, {@code security}.
 */
package org.rostersync.api.oneroster;
