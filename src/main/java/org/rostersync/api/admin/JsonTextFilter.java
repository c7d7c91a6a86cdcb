package org.rostersync.api.admin;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import org.rostersync.security.ControlCharacters;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Every string of an admin API JSON body, at any depth, is checked for control characters once, here, before a
 * controller binds it: a NUL in a tenant's name or a blackout's note would otherwise reach PostgreSQL and fail there.
 * The answer is a 400 naming the field as the other checks do ({@code blackouts[0].note}). A body that is not JSON is
 * left to the controller, which refuses it as before.
 */
@ServerFilter("/api/**")
class JsonTextFilter {

    /** Fields whose text spans lines: a PEM or OpenSSH private key. */
    private static final Set<String> MULTI_LINE = Set.of("privateKey");

    private final JsonMapper json;

    JsonTextFilter(JsonMapper json) {
        this.json = json;
    }

    @RequestFilter
    @Nullable
    HttpResponse<?> check(HttpRequest<?> request, @Nullable @Body String body) {
        if (body == null || body.isEmpty()
                || !request.getContentType().map(t -> t.matches(MediaType.APPLICATION_JSON_TYPE)).orElse(false)) {
            return null;
        }
        JsonNode tree;
        try {
            tree = json.readValue(body, JsonNode.class);
        } catch (IOException e) {
            return null;
        }
        return refusal(tree, "", false)
                .<HttpResponse<?>>map(problem -> HttpResponse.badRequest(new ApiError(problem.field() + ": " + problem.text(), problem.field())))
                .orElse(null);
    }

    private record Problem(String field, String text) {
    }

    private static Optional<Problem> refusal(JsonNode node, String field, boolean multiLine) {
        if (node.isString()) {
            return ControlCharacters.refusal(node.getStringValue(), multiLine).map(text -> new Problem(field, text));
        }
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                Optional<Problem> p = refusal(node.get(i), field + "[" + i + "]", multiLine);
                if (p.isPresent()) {
                    return p;
                }
            }
        } else if (node.isObject()) {
            for (Map.Entry<String, JsonNode> entry : node.entries()) {
                String name = field.isEmpty() ? entry.getKey() : field + "." + entry.getKey();
                Optional<Problem> key = ControlCharacters.refusal(entry.getKey(), false).map(text -> new Problem(name, "the field's name " + text));
                if (key.isPresent()) {
                    return key;
                }
                Optional<Problem> p = refusal(entry.getValue(), name, MULTI_LINE.contains(entry.getKey()));
                if (p.isPresent()) {
                    return p;
                }
            }
        }
        return Optional.empty();
    }
}
