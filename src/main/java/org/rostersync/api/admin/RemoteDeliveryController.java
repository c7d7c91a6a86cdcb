package org.rostersync.api.admin;

import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.RequestAttribute;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import org.rostersync.intake.remote.ConnectionReport;
import org.rostersync.intake.remote.RemoteDeliveries;
import org.rostersync.intake.remote.RemoteDeliveryView;

import io.micronaut.json.tree.JsonNode;
import org.rostersync.tenant.InvalidSettingException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
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
    RemoteDeliveryView settings(UUID sourceId) {
        return deliveries.view(sourceId).orElseThrow(() -> new NotFoundException("source", sourceId));
    }

    @Put("/remote-delivery")
    RemoteDeliveryView change(UUID sourceId, @Body JsonNode body, @RequestAttribute(Caller.ATTRIBUTE) Caller caller) {
        if (!body.isObject()) {
            throw new InvalidSettingException("body", "the body must be a JSON object of the fields to change");
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        body.entries().forEach(e -> fields.put(e.getKey(), plain(e.getValue())));
        return deliveries.change(sourceId, fields, caller.actor()).orElseThrow(() -> new NotFoundException("source", sourceId));
    }

    /** A JSON value as plain Java (null, String, Number, Boolean, List, Map): a Map binding would drop the nulls. */
    private static Object plain(JsonNode node) {
        if (node.isNull()) {
            return null;
        }
        if (node.isArray()) {
            List<Object> out = new ArrayList<>();
            node.values().forEach(v -> out.add(plain(v)));
            return out;
        }
        if (node.isObject()) {
            Map<String, Object> out = new LinkedHashMap<>();
            node.entries().forEach(e -> out.put(e.getKey(), plain(e.getValue())));
            return out;
        }
        return node.getValue();
    }

    /** Connects as a run's fetch would; a failing step is part of the answer (200), not an HTTP error. */
    @Post("/test-connection")
    ConnectionReport testConnection(UUID sourceId) {
        return deliveries.test(sourceId).orElseThrow(() -> new NotFoundException("source", sourceId));
    }
}
