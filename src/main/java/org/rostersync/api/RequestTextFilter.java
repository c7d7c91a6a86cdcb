package org.rostersync.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import org.rostersync.security.ControlCharacters;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The path and the query parameters of every request are checked for control characters before any controller (and
 * so any store) sees them: a NUL in a path id or a parameter would otherwise reach PostgreSQL, which refuses it with an
 * error. A refusal is a 400 naming the parameter, in the shape of the API asked. Bodies are checked where they are read
 * (the admin API's JSON by its own filter, the console's forms by the form they fill). The OneRoster API reads its own
 * parameters, as the spec has it: its filter parser refuses control characters (400), an id holding one names no record
 * (404 naming it), and either read stays in the client's audit trail, which a refusal here, before authentication, would
 * leave out.
 */
@ServerFilter("/**")
class RequestTextFilter {

    @RequestFilter
    @Nullable
    HttpResponse<?> check(HttpRequest<?> request) {
        if (request.getPath().startsWith("/ims/")) {
            return null;
        }
        Optional<String> path = ControlCharacters.refusal(request.getUri().getPath(), false);
        if (path.isPresent()) {
            return refuse(request, "path", path.get());
        }
        for (String name : request.getParameters().names()) {
            Optional<String> problem = ControlCharacters.refusal(name, false);
            if (problem.isPresent()) {
                return refuse(request, "a parameter's name", problem.get());
            }
            for (String value : request.getParameters().getAll(name)) {
                problem = ControlCharacters.refusal(value, false);
                if (problem.isPresent()) {
                    return refuse(request, name, problem.get());
                }
            }
        }
        return null;
    }

    private static HttpResponse<?> refuse(HttpRequest<?> request, String field, String problem) {
        String message = field + ": " + problem;
        if (request.getPath().startsWith("/console")) {
            return HttpResponse.badRequest(message).contentType(MediaType.TEXT_PLAIN_TYPE);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("message", message);
        body.put("field", field);
        return HttpResponse.badRequest(body).contentType(MediaType.APPLICATION_JSON_TYPE);
    }
}
