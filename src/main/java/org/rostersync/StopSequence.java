package org.rostersync;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.event.ShutdownEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import org.rostersync.intake.sftp.SftpServer;
import org.rostersync.pipeline.RunService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;

/**
 * The first steps of a stop (SIGTERM, or the context closing), taken before any bean is destroyed, while the pool and
 * the database still serve: no more uploads (the SFTP server disconnects its sessions and closes its port), no more
 * runs taken, and the runs in progress finish within the grace period or stop at a safe point. The background work that
 * reads the database (the notifier and its email sender, the schedule ticker, the API read audit) stops on the same
 * event, since Micronaut does not promise to destroy a bean before those it uses; Micronaut then destroys the beans,
 * the connection pool and the embedded database last (see {@code database.DataSourceFactory}).
 */
@Context // made at start: a stop must not have to build it
class StopSequence {

    private static final Logger LOG = LoggerFactory.getLogger(StopSequence.class);

    private final SftpServer sftp;
    private final RunService runs;

    StopSequence(SftpServer sftp, RunService runs) {
        this.sftp = sftp;
        this.runs = runs;
    }

    @EventListener
    void onShutdown(ShutdownEvent event) {
        LOG.info("Stopping: no new uploads or runs; runs in progress finish or stop at a safe point");
        try {
            sftp.stopTakingUploads();
        } catch (IOException e) {
            LOG.warn("The SFTP server did not stop cleanly: {}", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        try {
            runs.stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        LOG.info("Uploads and runs stopped; stopping the background work, the connection pool and the database");
    }
}
