package org.rostersync.console;

import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.sftp.SFTPClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.support.ui.Select;
import org.rostersync.support.Browser;
import org.rostersync.support.Console;
import org.rostersync.support.Fixture;
import org.rostersync.support.RunningApp;
import org.rostersync.support.Sftp;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An admin sets a district up in the browser: the tenant, a source whose SFTP login then works, and an API client whose
 * secret is shown once, reads the OneRoster API, appears in the audit of reads, and is refused once revoked.
 */
@ExtendWith(RunningApp.class)
class TenantPagesBrowserTest {

    private static final String PASSWORD = "a long enough password";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @Test
    void anAdminAddsATenantASourceThatLogsInAndAnApiClientThatReadsUntilRevoked(RunningApp.App app) throws Exception {
        Fixture existing = Fixture.create(app, "Existing browser district");
        Console.createOperator(app, "tenants-admin", PASSWORD, null);
        String district = "Browser district " + UUID.randomUUID().toString().substring(0, 8);
        String sftpUser = "sis-" + UUID.randomUUID().toString().substring(0, 8);
        String sftpPassword = "pw-" + UUID.randomUUID();
        try (Browser browser = Browser.open(app)) {
            browser.go("/console/login").signIn("tenants-admin", PASSWORD);
            browser.find("nav a[href='/console/tenants']").click();
            assertEquals("/console/tenants", browser.path());
            assertEquals("1", browser.find("tr[data-tenant='" + existing.tenantId() + "'] td.num").getText(), "its one source");
            LabelledFields.assertEveryFieldLabelled(browser);

            int tenantsBefore = app.adminGet("/api/tenants").list().size();
            browser.find("#name").sendKeys("   ");
            browser.submit("#add-tenant");
            assertTrue(browser.find("#name-error").getText().startsWith("Name:"), browser.find("#name-error").getText());
            assertEquals("true", browser.find("#name").getAttribute("aria-invalid"));
            assertEquals(tenantsBefore, app.adminGet("/api/tenants").list().size(), "nothing was created");

            browser.find("#name").clear();
            browser.find("#name").sendKeys(district);
            browser.submit("#add-tenant");
            assertTrue(browser.path().endsWith("?notice=tenant-added"), browser.path());
            UUID tenantId = UUID.fromString(browser.path().substring("/console/tenants/".length(), browser.path().indexOf('?')));
            assertEquals(district, browser.find("h1").getText());
            assertTrue(browser.find("#notice").getText().startsWith("Tenant added"));
            assertTrue(app.adminGet("/api/tenants").list().stream().anyMatch(t -> district.equals(t.get("name"))));

            // a username another tenant's source logs in with is refused next to its field, what was typed kept
            fillSource(browser, "Taken SIS", existing.sftpUser(), sftpPassword);
            browser.submit("#add-source");
            assertTrue(browser.find("#sftpUsername-error").getText().contains("already in use"), browser.find("#sftpUsername-error").getText());
            assertEquals("true", browser.find("#sftpUsername").getAttribute("aria-invalid"));
            assertEquals("Taken SIS", browser.find("#sourceName").getAttribute("value"));
            assertEquals("", browser.find("#sftpPassword").getAttribute("value"), "a password is not sent back");
            assertEquals(List.of(), app.adminGet("/api/tenants/" + tenantId + "/sources").list(), "nothing was created");

            fillSource(browser, "PowerSchool", sftpUser, sftpPassword);
            browser.submit("#add-source");
            assertTrue(browser.find("#notice").getText().startsWith("Source added"));
            List<Map<String, Object>> sources = app.adminGet("/api/tenants/" + tenantId + "/sources").list();
            assertEquals(1, sources.size(), sources.toString());
            assertEquals(sftpUser, sources.get(0).get("sftpUsername"));
            assertEquals("PowerSchool", browser.find("tr[data-source='" + sources.get(0).get("id") + "'] th a").getText());
            try (SSHClient ssh = Sftp.sshj(app, sftpUser, sftpPassword); SFTPClient sftp = ssh.newSFTPClient()) {
                assertTrue(ssh.isAuthenticated());
                sftp.ls(".");
            }

            browser.find("#clientName").sendKeys("Canvas");
            browser.submit("#add-api-client");
            String clientId = browser.find("#new-client-id").getText();
            String secret = browser.find("#new-client-secret").getText();
            assertEquals(app.context().getBean(org.rostersync.config.MailConfig.class).publicUrl() + "/oauth/token",
                    browser.find("#token-url").getText());
            assertTrue(browser.find("#oneroster-url").getText().endsWith("/ims/oneroster/v1p1"));
            browser.screenshot("tenant");

            HttpResponse<String> token = token(app, clientId, secret);
            assertEquals(200, token.statusCode(), token.body());
            String accessToken = (String) new RunningApp.Response(200, token.body(), Map.of(),
                    app.context().getBean(io.micronaut.json.JsonMapper.class)).map().get("access_token");
            HttpResponse<String> users = bearer(app, "/ims/oneroster/v1p1/users", accessToken);
            assertEquals(200, users.statusCode(), users.body());

            browser.go("/console/tenants/" + tenantId);
            assertFalse(browser.driver().getPageSource().contains(secret), "the secret is shown once only");
            assertTrue(browser.find("tr[data-client='" + clientId + "']").getText().contains("Canvas"));
            LabelledFields.assertEveryFieldLabelled(browser);

            // the audit is written in batches a moment after the read
            await().atMost(Duration.ofSeconds(10)).until(() -> !app.adminGet("/api/tenants/" + tenantId + "/api-reads").list().isEmpty());
            browser.go("/console/tenants/" + tenantId);
            String read = browser.find("tr[data-read-client='" + clientId + "']").getText();
            assertTrue(read.contains("GET /ims/oneroster/v1p1/users") && read.contains("200"), read);
            new Select(browser.find("#clientId")).selectByValue(clientId);
            browser.submit("#filter-reads");
            assertTrue(browser.driver().getCurrentUrl().contains("clientId=" + clientId));
            assertEquals(1, browser.all("tr[data-read-client]").size());

            browser.submit("#revoke-" + clientId);
            assertTrue(browser.find("#notice").getText().startsWith("API client revoked"));
            assertTrue(browser.all("tr[data-client='" + clientId + "']").isEmpty());
            assertEquals(List.of(), app.adminGet("/api/tenants/" + tenantId + "/api-clients").list());
            assertEquals(401, token(app, clientId, secret).statusCode(), "the secret is refused");
            assertEquals(401, bearer(app, "/ims/oneroster/v1p1/users", accessToken).statusCode(), "and so is its token");
        }
    }

    private static void fillSource(Browser browser, String name, String username, String password) {
        browser.find("#sourceName").clear();
        browser.find("#sourceName").sendKeys(name);
        browser.find("#sftpUsername").clear();
        browser.find("#sftpUsername").sendKeys(username);
        browser.find("#sftpPassword").clear();
        browser.find("#sftpPassword").sendKeys(password);
    }

    static HttpResponse<String> token(RunningApp.App app, String clientId, String secret) throws IOException, InterruptedException {
        String form = "grant_type=client_credentials&client_id=" + URLEncoder.encode(clientId, StandardCharsets.UTF_8)
                + "&client_secret=" + URLEncoder.encode(secret, StandardCharsets.UTF_8);
        return HTTP.send(HttpRequest.newBuilder(URI.create(app.baseUrl() + "/oauth/token"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> bearer(RunningApp.App app, String path, String token) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(app.baseUrl() + path)).header("Authorization", "Bearer " + token).GET()
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
