/**
 * HTTP entry points: the operators' admin API ({@code admin}), the OneRoster 1.1 REST API ({@code oneroster}) and the API
 * documents ({@code docs}); here, what every answer shares: the shape of the errors Micronaut itself answers, the check
 * of paths and query parameters for control characters, and the security headers. May use {@code security} and
 * {@code api.oneroster} (its status info, the shape of an error on the OneRoster API).
 */
package org.rostersync.api;
