package org.rostersync.api;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import io.micronaut.http.server.exceptions.response.HateoasErrorResponseProcessor;
import jakarta.inject.Singleton;
import org.rostersync.api.oneroster.StatusInfo;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The shape of errors Micronaut itself answers (malformed JSON, a missing body, a path id that is not a UUID, an unknown
 * route): {@code {"message", "field"}} on the admin API, imsx status info on the OneRoster API.
 */
@Singleton
@Replaces(HateoasErrorResponseProcessor.class)
class ErrorResponses implements ErrorResponseProcessor<Map<String, Object>> {

    @Override
    public MutableHttpResponse<Map<String, Object>> processResponse(ErrorContext context, MutableHttpResponse<?> response) {
        String message = context.getErrors().stream().map(Error::getMessage).findFirst()
                .orElse(response.getStatus().getReason());
        String field = context.getErrors().stream().map(e -> e.getPath().orElse(null))
                .filter(p -> p != null).map(p -> p.startsWith("/") ? p.substring(1) : p).findFirst().orElse(null);
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
