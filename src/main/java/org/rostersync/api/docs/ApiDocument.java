package org.rostersync.api.docs;

import io.micronaut.serde.annotation.Serdeable;

/**
 * One OpenAPI document served at {@code /openapi/{name}.yml}.
 *
 * @param name  its file name without {@code .yml}
 * @param title what it describes
 * @param url   where it is served
 */
@Serdeable
public record ApiDocument(String name, String title, String url) {
}
