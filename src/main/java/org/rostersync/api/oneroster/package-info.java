/**
 * The OneRoster 1.1 REST binding under /ims/oneroster/v1p1: envelopes, GUIDRefs, paging and imsx status info, for API
 * clients confined to their tenant. May use {@code roster}, {@code tenant}, {@code oneroster}, {@code security}.
 */
package org.rostersync.api.oneroster;
