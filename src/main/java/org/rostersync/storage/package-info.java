/**
 * S3-compatible object storage, when configured: the one client (AWS SDK, the JDK's HTTP client underneath), checked at
 * start, that {@code intake.inbox} keeps deliveries and run archives in so that instances with no shared disk read them
 * alike. May use {@code config}.
 */
package org.rostersync.storage;
