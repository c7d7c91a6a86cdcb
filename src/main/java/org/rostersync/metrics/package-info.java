/**
 * GET /metrics: the meters every package registers, in Prometheus's text format, for scrapers from the networks of
 * {@code ROSTERSYNC_METRICS_NETWORKS} or callers with an admin's credentials; 404 to anyone else. May use
 * {@code config}, {@code operator}, {@code security} and {@code tenant}.
 */
package org.rostersync.metrics;
