package org.rostersync.console;

import io.micronaut.core.annotation.Nullable;
import org.rostersync.roster.RecordLookup;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

/**
 * Finding a record of a tenant by sourcedId, name, email or identifier.
 *
 * @param tenants  the tenants the operator may search (one for a tenant operator), for the form
 * @param tenantId the tenant searched, or null before a search
 * @param query    the text as typed
 * @param found    what matched, or null before a search
 * @param problem  why the search could not run, or null
 */
public record RecordsPage(Frame frame, List<TenantChoice> tenants, @Nullable UUID tenantId, String query,
                          @Nullable List<RecordLookup.Found> found, @Nullable String problem) {

    public record TenantChoice(UUID id, String name) {
    }

    /** The console address of a record of the tenant. */
    public static String href(UUID tenantId, String fileName, String sourcedId) {
        String entity = fileName.endsWith(".csv") ? fileName.substring(0, fileName.length() - 4) : fileName;
        return "/console/records/" + tenantId + "/" + entity + "?sourcedId=" + URLEncoder.encode(sourcedId, StandardCharsets.UTF_8);
    }
}
