package org.rostersync.roster;

import java.util.UUID;

/** Another run of the same source is writing right now. */
public class SourceBusyException extends RuntimeException {

    public SourceBusyException(UUID sourceId) {
        super("another run of source " + sourceId + " is in progress");
    }
}
