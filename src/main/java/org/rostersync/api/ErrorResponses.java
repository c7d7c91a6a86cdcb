package org.rostersync.api;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import io.micronaut.http.server.exceptions.response.HateoasErrorResponseProcessor;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;
import org.rostersync.api.oneroster.StatusInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The shape of errors Micronaut itself answers (malformed JSON, a missing body, a path id that is not a UUID, an unknown
 * route): {@code {"message", "field"}} on the admin API, imsx status info on the OneRoster API. A
 * 500 (an exception nothing else answered) says only that the request failed and gives an id; the log line with the
 * exception carries the same id. Its own text (a database's error, a Java class) never leaves the server.
 */
@Singleton
@Replaces(HateoasErrorResponseProcessor.class)
class ErrorResponses implements ErrorResponseProcessor<Map<String, Object>> {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorResponses.class);

    @Override
    public MutableHttpResponse<Map<String, Object>> processResponse(ErrorContext context, MutableHttpResponse<?> response) {
        String message = context.getErrors().stream().map(Error::getMessage).findFirst()
                .orElse(response.getStatus().getReason());
        String field = context.getErrors().stream().map(e -> e.getPath().orElse(null))
                .filter(p -> p != null).map(p -> p.startsWith("/") ? p.substring(1) : p).findFirst().orElse(null);
        if (response.getStatus() == HttpStatus.INTERNAL_SERVER_ERROR) {
            String id = UUID.randomUUID().toString();
            LOG.error("Request {} {} failed (error id {})", context.getRequest().getMethodName(), context.getRequest().getPath(), id,
                    context.getRootCause().orElse(null));
            message = "The request failed on the server (error id " + id + "); the log says why under that id.";
            field = null;
        }
        Map<String, Object> body;
        if (context.getRequest().getPath().startsWith("/ims/")) {
            body = StatusInfo.body(StatusInfo.codeMinor(response.getStatus()), message);
        } else {
            body = new LinkedHashMap<>();
            body.put("message", message);
            body.put("field", field);
        }
        return response.contentType(MediaType.APPLICATION_JSON_TYPE).body(body);
    }
}
