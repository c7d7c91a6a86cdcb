/**
 * HTTP entry points: the operators' admin API ({@code admin}), the OneRoster 1.1 REST API ({@code oneroster}) and the API
 * documents ({@code docs}); here, what every answer shares: the shape of the errors Micronaut itself answers, the check
 * of paths and query parameters for control characters, and the security headers; HTTPS from the PEM files of
 * {@code ROSTERSYNC_TLS_*} and the warning about plain HTTP beyond loopback. May use {@code config} (the TLS settings),
 * {@code security} and {@code api.oneroster} (its status info, the shape of an error on the OneRoster API).
 */
package org.rostersync.api;
