package org.rostersync.api.oneroster;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@code limit} and {@code offset}, and the RFC 8288 Link header with first, prev, next and last. */
@Singleton
class Paging {

    private final int defaultLimit;
    private final int maxLimit;

    Paging(@Value("${rostersync.api.default-limit:100}") int defaultLimit, @Value("${rostersync.api.max-limit:10000}") int maxLimit) {
        this.defaultLimit = defaultLimit;
        this.maxLimit = maxLimit;
    }

    record Window(int limit, int offset) {
    }

    /** @throws IllegalArgumentException naming the parameter that is not a valid number */
    Window window(String limit, String offset) {
        int l = number("limit", limit, defaultLimit, 1, maxLimit);
        int o = number("offset", offset, 0, 0, Integer.MAX_VALUE);
        return new Window(l, o);
    }

    private static int number(String name, String text, int fallback, int min, int max) {
        if (text == null || text.isBlank()) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(text.trim());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(name + " must be a whole number from " + min + " to " + max + ", not '" + text + "'");
    }

    /**
     * @param query the request's other parameters (filter, sort, fields), already encoded, so that every link pages the
     *              same selection; empty for none
     */
    Optional<String> link(String url, String query, Window w, long total) {
        String start = url + "?" + (query.isEmpty() ? "" : query + "&");
        List<String> links = new ArrayList<>();
        long lastOffset = total == 0 ? 0 : ((total - 1) / w.limit()) * w.limit();
        links.add(link(start, w.limit(), 0, "first"));
        if (w.offset() > 0) {
            links.add(link(start, w.limit(), Math.max(0, w.offset() - w.limit()), "prev"));
        }
        if (w.offset() + w.limit() < total) {
            links.add(link(start, w.limit(), (long) w.offset() + w.limit(), "next"));
        }
        links.add(link(start, w.limit(), lastOffset, "last"));
        return Optional.of(String.join(", ", links));
    }

    private static String link(String start, int limit, long offset, String rel) {
        return "<" + start + "limit=" + limit + "&offset=" + offset + ">; rel=\"" + rel + "\"";
    }
}
