package org.rostersync.console;

import io.micronaut.core.annotation.Nullable;

/**
 * The whole settings audit log of a source (under its header) or of a tenant, a page at a time, newest first.
 *
 * @param header the source's header; null for a tenant's log
 * @param tenant the tenant's name, for a tenant's log
 * @param back   the tenant's page, for a tenant's log
 */
public record SettingChangesPage(Frame frame, @Nullable SourceHeader header, @Nullable String tenant, @Nullable String back,
                                 SettingChanges list) {
}
