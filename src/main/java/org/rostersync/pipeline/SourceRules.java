package org.rostersync.pipeline;

import org.rostersync.tenant.InvalidSettingException;

import java.time.Instant;
import java.util.UUID;

/**
 * A source's rules for checking a delivery, as one document: what {@code GET /api/sources/{id}/rules} and the console's
 * button export, and what {@code rostersync validate --rules FILE} applies, so that a vendor's offline check raises the
 * issues a run of that source would. The document is JSON with a {@code version} (see docs/api.md, "Validation rules").
 *
 * @param sourceId   the source exported, or null when the document does not say (informative only)
 * @param sourceName its name, or null (informative only)
 * @param exportedAt when the settings were read, or null (informative only)
 * @param settings   what changes the issues a run raises: data requirements, attribute and school mapping, safeguards
 */
public record SourceRules(UUID sourceId, String sourceName, Instant exportedAt, RunSettings settings) {

    /** The format's version: a reader refuses a document of another, naming it. */
    public static final int VERSION = 1;

    /** The document, as both the admin API and the console serve it. */
    public byte[] toJson() {
        return RulesJson.write(this);
    }

    /** The name to save the document under: the source's name as letters, digits and dashes, then "-rules.json". */
    public String fileName() {
        String name = sourceName == null ? "" : java.text.Normalizer.normalize(sourceName, java.text.Normalizer.Form.NFD)
                .replaceAll("\\p{M}", "").replaceAll("[^A-Za-z0-9]+", "-").replaceAll("^-|-$", "").toLowerCase(java.util.Locale.ROOT);
        return (name.isEmpty() ? "source" : name.length() > 80 ? name.substring(0, 80) : name) + "-rules.json";
    }

    /**
     * Reads a document a source exported.
     *
     * @throws InvalidSettingException naming the field that is missing or wrong (e.g. {@code dataRequirements.users.email})
     */
    public static SourceRules parse(byte[] json) {
        return RulesJson.read(json);
    }
}
