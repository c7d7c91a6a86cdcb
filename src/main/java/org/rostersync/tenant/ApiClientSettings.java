package org.rostersync.tenant;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * What an operator asks for when making an API client; every field may be left out: no name, every scope, the whole
 * tenant. A field it does not have is refused rather than ignored: a mistyped {@code scope} must not silently make a
 * client of every scope.
 */
@Serdeable
@JsonIgnoreProperties(ignoreUnknown = false)
public record ApiClientSettings(@Nullable String name, @Nullable List<String> scopes, @Nullable List<UUID> sourceIds,
                                @Nullable List<String> schoolSourcedIds) {

    public static final ApiClientSettings DEFAULTS = new ApiClientSettings(null, null, null, null);
    static final int MAX_NAME = 200;
    static final int MAX_SCHOOLS = 10_000;
    static final int MAX_SOURCED_ID = 255;

    /**
     * The settings checked and tidied (duplicates dropped, order kept).
     *
     * @param tenantSources the tenant's sources: a client can be confined only to those
     * @throws InvalidSettingException naming the field that cannot be taken
     */
    Checked check(Set<UUID> tenantSources) {
        String n = name == null ? "" : name.strip();
        if (n.length() > MAX_NAME) {
            throw new InvalidSettingException("name", "name must be at most " + MAX_NAME + " characters");
        }
        List<String> s = scopes == null ? ApiClient.SCOPES : new ArrayList<>(new LinkedHashSet<>(scopes));
        if (s.isEmpty()) {
            throw new InvalidSettingException("scopes", "scopes must name at least one scope (leave it out for all of "
                    + ApiClient.SCOPES + ")");
        }
        for (String scope : s) {
            if (scope == null || !ApiClient.SCOPES.contains(scope)) {
                throw new InvalidSettingException("scopes", "unknown scope " + scope + ": the scopes are " + ApiClient.SCOPES);
            }
        }
        List<UUID> sources = sourceIds == null ? List.of() : new ArrayList<>(new LinkedHashSet<>(sourceIds));
        for (UUID source : sources) {
            if (source == null || !tenantSources.contains(source)) {
                throw new InvalidSettingException("sourceIds", "source " + source + " is not one of this tenant's");
            }
        }
        List<String> schools = schoolSourcedIds == null ? List.of() : new ArrayList<>(new LinkedHashSet<>(schoolSourcedIds));
        if (schools.size() > MAX_SCHOOLS) {
            throw new InvalidSettingException("schoolSourcedIds", "at most " + MAX_SCHOOLS + " schools");
        }
        for (String school : schools) {
            if (school == null || school.isBlank() || school.length() > MAX_SOURCED_ID || !school.equals(school.strip())) {
                throw new InvalidSettingException("schoolSourcedIds", "a school's sourcedId must be 1 to " + MAX_SOURCED_ID
                        + " characters without surrounding spaces, not \"" + school + "\"");
            }
        }
        return new Checked(n, s, sources, schools);
    }

    record Checked(String name, List<String> scopes, List<UUID> sourceIds, List<String> schoolSourcedIds) {
    }
}
