package org.rostersync.api.admin;

import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import org.rostersync.intake.remote.ConnectionReport;
import org.rostersync.intake.remote.RemoteDeliveries;
import org.rostersync.intake.remote.RemoteDeliveryView;

import java.sql.SQLException;
import java.util.Map;
import java.util.UUID;

/**
 * A source's remote delivery: the SFTP server its runs fetch from, and testing the connection to it step by step. The
 * body of a change is read as plain JSON fields, so that a field given as null (clear it) differs from one left out
 * (keep it), and an unknown field is named in the refusal. Secrets are never answered.
 */
@Controller("/api/sources/{sourceId}")
@ExecuteOn(TaskExecutors.BLOCKING)
class RemoteDeliveryController {

    private final RemoteDeliveries deliveries;

    RemoteDeliveryController(RemoteDeliveries deliveries) {
        this.deliveries = deliveries;
    }

    @Get("/remote-delivery")
    RemoteDeliveryView settings(UUID sourceId) throws SQLException {
        return deliveries.view(sourceId).orElseThrow(() -> new NotFoundException("source", sourceId));
    }

    @Put("/remote-delivery")
    RemoteDeliveryView change(UUID sourceId, @Body Map<String, Object> body) throws SQLException {
        return deliveries.change(sourceId, body).orElseThrow(() -> new NotFoundException("source", sourceId));
    }

    /** Connects as a run's fetch would; a failing step is part of the answer (200), not an HTTP error. */
    @Post("/test-connection")
    ConnectionReport testConnection(UUID sourceId) throws SQLException {
        return deliveries.test(sourceId).orElseThrow(() -> new NotFoundException("source", sourceId));
    }
}
