package org.rostersync.report;

import io.micronaut.serde.annotation.Serdeable;

/**
 * What an issue did to its record: {@code error} kept and reported, {@code skipped} not imported, {@code warning}
 * imported as understood, {@code fatal} the file or the run refused.
 */
@Serdeable
public enum Outcome {
    error, skipped, warning, fatal
}
