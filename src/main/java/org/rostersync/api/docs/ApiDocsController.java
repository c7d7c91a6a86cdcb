package org.rostersync.api.docs;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.server.types.files.StreamedFile;
import io.micronaut.serde.annotation.Serdeable;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * {@code /openapi}: the list of documents, each document, and Swagger UI. Everything comes from the jar: the documents
 * from {@code /schemas/openapi/}, the UI's scripts and styles from the swagger-ui webjar, its page and start script from
 * our own resources (the webjar's own page would load the Petstore example).
 */
@Controller("/openapi")
class ApiDocsController {

    static final List<ApiDocument> DOCUMENTS = List.of(
            new ApiDocument("oneroster", "OneRoster 1.1 REST API", "/openapi/oneroster.yml"),
            new ApiDocument("admin", "rostersync admin API", "/openapi/admin.yml"));

    /** The webjar's files the page uses, and their types: nothing else of the jar is reachable through this path. */
    private static final Map<String, MediaType> UI_FILES = Map.of(
            "swagger-ui.css", MediaType.of("text/css"),
            "swagger-ui-bundle.js", MediaType.of("text/javascript"),
            "swagger-ui-standalone-preset.js", MediaType.of("text/javascript"),
            "favicon-32x32.png", MediaType.IMAGE_PNG_TYPE,
            "favicon-16x16.png", MediaType.IMAGE_PNG_TYPE);
    private static final MediaType YAML = MediaType.of("application/yaml");

    private final String webjarFolder;

    ApiDocsController() {
        this.webjarFolder = "/META-INF/resources/webjars/swagger-ui/" + swaggerUiVersion() + "/";
    }

    @Serdeable
    record Listing(List<ApiDocument> documents, String ui) {
    }

    @Get
    Listing list() {
        return new Listing(DOCUMENTS, "/openapi/ui/");
    }

    @Get("/{name}.yml")
    HttpResponse<?> document(String name) {
        if (DOCUMENTS.stream().noneMatch(d -> d.name().equals(name))) {
            return HttpResponse.notFound();
        }
        return file("/schemas/openapi/" + name + ".yml", YAML);
    }

    /** Micronaut matches {@code /openapi/ui/} here too, so the page names its files by absolute path. */
    @Get("/ui")
    HttpResponse<?> ui() {
        return file("/openapi-ui/index.html", MediaType.TEXT_HTML_TYPE);
    }

    @Get("/ui/{file}")
    HttpResponse<?> uiFile(String file) {
        if (file.equals("start.js")) {
            return file("/openapi-ui/start.js", MediaType.of("text/javascript"));
        }
        MediaType type = UI_FILES.get(file);
        return type == null ? HttpResponse.notFound() : file(webjarFolder + file, type);
    }

    private static HttpResponse<?> file(String resource, MediaType type) {
        InputStream in = ApiDocsController.class.getResourceAsStream(resource);
        if (in == null) {
            return HttpResponse.notFound();
        }
        return HttpResponse.ok(new StreamedFile(in, type)).header("Cache-Control", "public, max-age=3600");
    }

    /** The webjar's version, from its Maven metadata, so that upgrading it is a change to the pom alone. */
    private static String swaggerUiVersion() {
        try (InputStream in = ApiDocsController.class.getResourceAsStream("/META-INF/maven/org.webjars/swagger-ui/pom.properties")) {
            if (in == null) {
                throw new IllegalStateException("the swagger-ui webjar is not on the classpath");
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
