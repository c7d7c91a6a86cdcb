package org.rostersync.console;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.WebElement;
import org.rostersync.support.Browser;
import org.rostersync.support.Console;
import org.rostersync.support.Fixture;
import org.rostersync.support.RunningApp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The schools page: an orgs.csv upload maps its schools, excluding and renaming them is saved and followed by the next
 * run, a school that stopped arriving is marked first and can be forgotten; bad input is refused next to its field.
 */
@ExtendWith(RunningApp.class)
class SchoolsPageTest {

    private static final String PASSWORD = "a long enough password";
    private static final String ORGS_HEADER = "sourcedId,status,dateLastModified,name,type,identifier,parentSourcedId\n";

    @Test
    void uploadedSchoolsAreExcludedRenamedAndForgottenFromTheBrowserAndRunsFollowTheMapping(RunningApp.App app) throws IOException {
        Fixture f = Fixture.create(app, "Schools district").withoutSafeguards();
        Console.createOperator(app, "schools-op", PASSWORD, f.tenantId());
        try (Browser browser = Browser.open(app)) {
            browser.go("/console/login").signIn("schools-op", PASSWORD);
            browser.go("/console/sources/" + f.sourceId());
            browser.find("#section-schools").click();
            assertEquals("/console/sources/" + f.sourceId() + "/schools", browser.path());
            assertEquals("page", browser.find("#section-schools").getAttribute("aria-current"));
            assertTrue(browser.find("#no-schools").isDisplayed());
            assertEquals("auto", browser.find("#mode").getAttribute("value"));

            browser.find("#orgs").sendKeys(Fixture.SAMPLE.resolve("orgs.csv").toAbsolutePath().toString());
            browser.submit("#upload-orgs");
            assertTrue(browser.find("#notice").getText().startsWith("Mapped the schools"), browser.find("#notice").getText());
            assertEquals(List.of("org-sch-lincoln", "org-sch-muir", "org-sch-poly"),
                    browser.all("#schools tbody code").stream().map(WebElement::getText).toList(), "the district is not a school");
            assertTrue(browser.find("#schools").getText().contains("Riverside Polytechnic High"));

            browser.find("#" + id(browser, "org-sch-poly", "included")).click();
            browser.find("#" + id(browser, "org-sch-lincoln", "displayName")).sendKeys("Lincoln ES");
            browser.submit("#save-schools");
            assertTrue(browser.find("#notice").getText().startsWith("Saved"), browser.find("#notice").getText());
            assertFalse(browser.find("#" + id(browser, "org-sch-poly", "included")).isSelected());
            Map<String, Object> mapping = mapping(app, f);
            assertEquals(false, school(mapping, "org-sch-poly").get("included"));
            assertEquals(true, school(mapping, "org-sch-muir").get("included"));
            assertEquals("Lincoln ES", school(mapping, "org-sch-lincoln").get("displayName"));
            assertEquals("Lincoln Elementary", school(mapping, "org-sch-lincoln").get("name"), "the delivered name stays");

            f.deliver(Fixture.SAMPLE);
            f.run();
            assertEquals(404, f.oneRoster("/orgs/org-sch-poly").status(), "the excluded school is left out");
            assertEquals(404, f.oneRoster("/users/tch-004").status(), "and its only teacher with it");
            assertEquals(200, f.oneRoster("/orgs/org-sch-lincoln").status());
            assertEquals(200, f.oneRoster("/users/tch-002").status(), "a teacher at Muir");

            String orgs = Files.readString(Fixture.SAMPLE.resolve("orgs.csv"));
            f.deliver("orgs.csv", orgs.lines().filter(l -> !l.startsWith("org-sch-muir,")).map(l -> l + "\n")
                    .reduce("", String::concat));
            f.run();
            browser.go("/console/sources/" + f.sourceId() + "/schools");
            assertTrue(browser.find("#last-listed").getText().contains("last listed the schools on"), browser.find("#last-listed").getText());
            assertTrue(browser.find("#stopped-summary").getText().startsWith("1 school has stopped arriving"),
                    browser.find("#stopped-summary").getText());
            WebElement first = browser.all("#schools tbody tr").get(0);
            assertTrue(first.getText().contains("org-sch-muir") && first.getText().contains("Stopped arriving"),
                    "the school that stopped arriving comes first, marked: " + first.getText());
            assertEquals("stopped", first.getAttribute("class"));
            assertEquals(1, browser.all(".stopped-mark").size(), "only Muir stopped arriving");
            browser.screenshot("schools");

            browser.find("#" + id(browser, "org-sch-muir", "forget")).click();
            browser.submit("#save-schools");
            mapping = mapping(app, f);
            assertEquals(Optional.empty(), find(mapping, "org-sch-muir"), "forgotten: " + mapping);
            assertEquals(false, school(mapping, "org-sch-poly").get("included"), "the other rows are saved as they were");
            assertEquals("Lincoln ES", school(mapping, "org-sch-lincoln").get("displayName"));
            assertTrue(browser.all(".stopped-mark").isEmpty());
        }
    }

    @Test
    void aBadOrgsCsvIsRefusedWithItsLineNextToTheUploadFieldAndALongDisplayNameNextToItsRow(RunningApp.App app)
            throws IOException {
        Fixture f = Fixture.create(app, "Refused schools district");
        Console.createOperator(app, "schools-refused", PASSWORD, f.tenantId());
        Path ragged = Files.createTempFile("orgs", ".csv");
        Files.writeString(ragged, ORGS_HEADER + "s1,,,Lincoln,school,,\ns2,,,Muir,school\n");
        try (Browser browser = Browser.open(app)) {
            browser.go("/console/login").signIn("schools-refused", PASSWORD);
            browser.go("/console/sources/" + f.sourceId() + "/schools");
            browser.find("#orgs").sendKeys(ragged.toAbsolutePath().toString());
            browser.submit("#upload-orgs");
            String error = browser.find("#orgs-error").getText();
            assertTrue(error.startsWith("orgs.csv line 3: the row has 5 fields but the header has 7"), error);
            assertEquals("true", browser.find("#orgs").getAttribute("aria-invalid"));
            assertTrue(browser.find("#upload-errors").isDisplayed());
            assertEquals(List.of(), schools(mapping(app, f)), "nothing was mapped, not even the good line");

            browser.find("#orgs").sendKeys(Fixture.SAMPLE.resolve("orgs.csv").toAbsolutePath().toString());
            browser.submit("#upload-orgs");
            String muir = id(browser, "org-sch-muir", "displayName");
            browser.find("#" + muir).sendKeys("M".repeat(201));
            browser.find("#" + id(browser, "org-sch-poly", "included")).click();
            browser.submit("#save-schools");
            String field = browser.find("#" + muir).getAttribute("name");
            String tooLong = browser.find("[id='" + field + "-error']").getText();
            assertTrue(tooLong.contains("at most 200 characters, not 201"), tooLong);
            assertEquals("true", browser.find("#" + muir).getAttribute("aria-invalid"));
            assertEquals("M".repeat(201), browser.find("#" + muir).getAttribute("value"), "what was sent is kept");
            assertFalse(browser.find("#" + id(browser, "org-sch-poly", "included")).isSelected(), "the unticked box stays unticked");
            Map<String, Object> mapping = mapping(app, f);
            assertEquals(true, school(mapping, "org-sch-poly").get("included"), "nothing was saved");
            assertNull(school(mapping, "org-sch-muir").get("displayName"));
        }
    }

    @Test
    void theUploadNeedsTheSessionsTokenOurOriginAndASourceTheOperatorSees(RunningApp.App app) {
        Fixture mine = Fixture.create(app, "Upload district");
        Fixture theirs = Fixture.create(app, "Other upload district");
        Console console = Console.signedInAsNewOperator(app, "uploader", PASSWORD, mine.tenantId());
        String csrf = console.get("/console/sources/" + mine.sourceId() + "/schools").csrf();
        String orgs = ORGS_HEADER + "s1,,,Lincoln,school,,\n";
        String path = "/console/sources/" + mine.sourceId() + "/schools/orgs";

        assertEquals(403, upload(app, console, path, "not the token", orgs, app.baseUrl()), "a wrong token");
        assertEquals(403, upload(app, console, path, csrf, orgs, "https://elsewhere.example"), "another site");
        assertEquals(List.of(), schools(mapping(app, mine)), "nothing was mapped");
        assertEquals(404, upload(app, console, "/console/sources/" + theirs.sourceId() + "/schools/orgs", csrf, orgs, app.baseUrl()));
        assertEquals(404, console.get("/console/sources/" + theirs.sourceId() + "/schools").status());
        assertEquals(404, console.post("/console/sources/" + theirs.sourceId() + "/schools",
                Map.of("_csrf", csrf, "mode", "explicit")).status());
        assertEquals("auto", mapping(app, theirs).get("mode"));
        assertEquals(List.of(), schools(mapping(app, theirs)));

        HttpResponse<String> noFile = upload(app, console, path, csrf, "", "", app.baseUrl());
        assertEquals(400, noFile.statusCode(), noFile.body());
        assertTrue(noFile.body().contains("id=\"orgs-error\">Choose an orgs.csv file to upload."), noFile.body());
        assertEquals(303, upload(app, console, path, csrf, orgs, app.baseUrl()));
        assertEquals("Lincoln", school(mapping(app, mine), "s1").get("name"));
    }

    @Test
    void savingKeepsSchoolsTheFormDidNotShowAndAddsOneByAnIdOfAnyCharacters(RunningApp.App app) {
        Fixture f = Fixture.create(app, "Kept schools district");
        Console.createOperator(app, "schools-kept", PASSWORD, f.tenantId());
        RunningApp.Response listed = app.post("/api/sources/" + f.sourceId() + "/school-mapping/orgs",
                ORGS_HEADER + "s1,,,Lincoln,school,,\ns2,,,Muir,school,,\n", "text/csv", "admin", RunningApp.ADMIN_PASSWORD);
        assertEquals(200, listed.status(), listed.toString());
        Console console = new Console(app);
        console.signIn("schools-kept", PASSWORD);
        String path = "/console/sources/" + f.sourceId() + "/schools";
        String csrf = console.get(path).csrf();
        String odd = "s9 <b>&\"x\"</b>";

        // a page shown before a run added s2: its form has s1 only
        Console.Page saved = console.post(path, Map.of("_csrf", csrf, "mode", "explicit", "school.0.sourcedId", "s1",
                "add.sourcedId", odd, "add.displayName", "Odd"));
        assertEquals(303, saved.status(), saved.body());
        Map<String, Object> mapping = mapping(app, f);
        assertEquals("explicit", mapping.get("mode"));
        assertEquals(false, school(mapping, "s1").get("included"), "its box was not ticked");
        assertEquals(true, school(mapping, "s2").get("included"), "a school the form did not show is kept as it was");
        assertEquals(true, school(mapping, odd).get("included"));
        assertEquals("Odd", school(mapping, odd).get("displayName"));
        String page = console.get(path).body();
        assertFalse(page.contains("<b>"), "the id is escaped where it is shown");
        assertTrue(page.contains("<code>s9 &lt;b"), page);

        Console.Page twice = console.post(path, Map.of("_csrf", csrf, "mode", "explicit", "add.sourcedId", "s2"));
        assertEquals(400, twice.status());
        assertTrue(twice.body().contains("id=\"add.sourcedId-error\">school &#39;s2&#39; is listed twice")
                || twice.body().contains("id=\"add.sourcedId-error\">school 's2' is listed twice"), twice.body());
        Console.Page mode = console.post(path, Map.of("_csrf", csrf, "mode", "sometimes"));
        assertEquals(400, mode.status());
        assertTrue(mode.body().contains("id=\"mode-error\">Choose auto or explicit."), mode.body());
        assertEquals(mapping, mapping(app, f), "nothing was saved");
    }

    /** The id of a school's field, found by the school's sourcedId (rows are named by their place in the mapping). */
    private static String id(Browser browser, String sourcedId, String part) {
        for (WebElement hidden : browser.all("#schools input[type=hidden]")) {
            if (sourcedId.equals(hidden.getAttribute("value"))) {
                String index = hidden.getAttribute("name").split("\\.")[1];
                return "school-" + index + "-" + part;
            }
        }
        throw new AssertionError("no row for " + sourcedId);
    }

    /** Posts an orgs.csv as the upload form does (multipart, the token as a part). @return the status */
    private static int upload(RunningApp.App app, Console console, String path, String csrf, String orgs, String origin) {
        return upload(app, console, path, csrf, "orgs.csv", orgs, origin).statusCode();
    }

    private static HttpResponse<String> upload(RunningApp.App app, Console console, String path, String csrf, String filename,
                                               String orgs, String origin) {
        String boundary = "----rostersync-test-boundary";
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n" + csrf + "\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"orgs\"; filename=\"" + filename + "\"\r\n"
                + "Content-Type: text/csv\r\n\r\n" + orgs + "\r\n--" + boundary + "--\r\n";
        HttpRequest request = HttpRequest.newBuilder(URI.create(app.baseUrl() + path))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .header("Origin", origin)
                .header("Cookie", console.cookie())
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
        try {
            return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Object> mapping(RunningApp.App app, Fixture f) {
        return app.adminGet("/api/sources/" + f.sourceId() + "/school-mapping").map();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> schools(Map<String, Object> mapping) {
        return (List<Map<String, Object>>) mapping.get("schools");
    }

    private static Optional<Map<String, Object>> find(Map<String, Object> mapping, String id) {
        return schools(mapping).stream().filter(s -> id.equals(s.get("sourcedId"))).findFirst();
    }

    private static Map<String, Object> school(Map<String, Object> mapping, String id) {
        return find(mapping, id).orElseThrow(() -> new AssertionError(id + " not in " + mapping));
    }
}
