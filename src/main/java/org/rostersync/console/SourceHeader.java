package org.rostersync.console;

import io.micronaut.core.annotation.Nullable;
import org.rostersync.tenant.Source;

import java.util.List;
import java.util.UUID;

/**
 * The top of every page about a source: where it is (tenant, source), its sections as tabs with the current one
 * marked, and what the last action did.
 *
 * @param section the current section's key, one of {@link #SECTIONS}
 * @param warning what the source's pages warn of (nobody hears of its runs), or null
 */
public record SourceHeader(UUID sourceId, String tenant, String source, String section, @Nullable String notice,
                           @Nullable String warning) {

    /** A section of a source's pages; {@code path} follows {@code /console/sources/{id}}. */
    public record Section(String key, String label, String path) {
    }

    public static final List<Section> SECTIONS = List.of(
            new Section("overview", "Runs and data requirements", ""),
            new Section("sftp", "SFTP account", "/sftp"),
            new Section("delivery", "Delivery", "/delivery"),
            new Section("schedule", "Schedule", "/schedule"),
            new Section("schools", "Schools", "/schools"),
            new Section("attributes", "Attribute mapping", "/attributes"),
            new Section("notifications", "Notifications", "/notifications"),
            new Section("safeguards", "Safeguards", "/safeguards"),
            new Section("changes", "Changes", "/changes"));

    static SourceHeader of(Source source, String tenant, String section, @Nullable String notice, @Nullable String warning) {
        if (SECTIONS.stream().noneMatch(s -> s.key().equals(section))) {
            throw new IllegalArgumentException("no section " + section);
        }
        return new SourceHeader(source.id(), tenant, source.name(), section, notice, warning);
    }

    public String href(Section section) {
        return "/console/sources/" + sourceId + section.path();
    }

    public List<Section> sections() {
        return SECTIONS;
    }
}
