package org.rostersync.notify;

/** A run's report cannot go to the vendor contacts: the source has none, or the run found nothing to fix. */
public class VendorReportRefused extends RuntimeException {

    public VendorReportRefused(String message) {
        super(message);
    }
}
