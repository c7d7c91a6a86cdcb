package org.rostersync.console;

import org.rostersync.tenant.ApiClient;
import org.rostersync.tenant.ApiClientSettings;
import org.rostersync.tenant.InvalidSettingException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The add-an-API-client form as the settings the admin API takes. A form sends one value per field name, so each scope
 * and each source is a checkbox of its own ({@code scope-roster.readonly}, {@code source-<id>}); the schools are typed
 * one per line.
 */
final class NewApiClientForm {

    static final String SCOPE_FIELD = "scope-";
    static final String SOURCE_FIELD = "source-";

    private NewApiClientForm() {
    }

    /** The checkbox field of a scope: the scope without its common prefix. */
    static String scopeField(String scope) {
        return SCOPE_FIELD + scope.substring(ApiClient.SCOPE_PREFIX.length());
    }

    /** @throws InvalidSettingException naming {@code sourceIds} for a source field that is not a source id */
    static ApiClientSettings settings(Map<String, String> form) {
        List<String> scopes = ApiClient.SCOPES.stream().filter(scope -> Forms.ticked(form, scopeField(scope))).toList();
        List<UUID> sources = new ArrayList<>();
        for (String field : form.keySet()) {
            if (field.startsWith(SOURCE_FIELD)) {
                try {
                    sources.add(UUID.fromString(field.substring(SOURCE_FIELD.length())));
                } catch (IllegalArgumentException e) {
                    throw new InvalidSettingException("sourceIds", "not a source: " + field);
                }
            }
        }
        return new ApiClientSettings(form.getOrDefault("clientName", ""), scopes, sources,
                TypedLines.of(form.get("schoolSourcedIds")).entries());
    }

    /** The form field of a refusal: the settings call the client's name {@code name}, the form {@code clientName}. */
    static String field(InvalidSettingException e) {
        return "name".equals(e.field()) ? "clientName" : e.field();
    }
}
