package org.rostersync.console;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Whether an operator may see a thing a console address names (a source, a tenant), decided in one place for its page
 * and every form on it: an operator reaching what it may not see gets the same 404 as for what does not exist.
 *
 * @param <T> what the address names
 */
abstract class Reach<T> {

    /** What a page or form does once the thing is known to be visible to the session's operator. */
    interface Action<T> {
        HttpResponse<?> run(Session session, T thing);
    }

    private final Pages pages;
    private final String noun;

    /** @param noun what the thing is called in the 404's message ("source") */
    Reach(Pages pages, String noun) {
        this.pages = pages;
        this.noun = noun;
    }

    /** The thing the id names, whoever asks; empty when there is none. */
    abstract Optional<T> find(UUID id);

    abstract boolean sees(Session session, T thing);

    /** A page about the thing: shown when the operator may see it, else 404. */
    HttpResponse<?> page(HttpRequest<?> request, String id, Action<T> action) {
        Session session = Requests.session(request);
        Optional<T> thing = visible(session, id);
        return thing.isEmpty() ? notFound(session, id) : action.run(session, thing.get());
    }

    /** A form about the thing: the session's token first, then whether the operator may see it, then the action. */
    HttpResponse<?> form(HttpRequest<?> request, String id, Map<String, String> form, Action<T> action) {
        Session session = Requests.session(request);
        if (!session.allows(form.get("_csrf"))) {
            return Forms.refused();
        }
        Optional<T> thing = visible(session, id);
        return thing.isEmpty() ? notFound(session, id) : action.run(session, thing.get());
    }

    /** The same 404 as every console page's, saying what was not found. */
    HttpResponse<String> notFound(Session session, String id) {
        return missing(session, "There is no " + noun + " " + id + " that you can see.");
    }

    HttpResponse<String> missing(Session session, String message) {
        return pages.render(HttpStatus.NOT_FOUND, "console/missing.jte", new MissingPage(Frame.of("Not found", session), message));
    }

    private Optional<T> visible(Session session, String id) {
        UUID uuid;
        try {
            uuid = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return find(uuid).filter(thing -> sees(session, thing));
    }
}
