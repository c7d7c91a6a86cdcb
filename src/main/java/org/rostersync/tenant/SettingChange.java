package org.rostersync.tenant;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A change of a setting as the audit log recorded it.
 *
 * @param id        rising with time: the next page of older changes starts below the last one seen
 * @param tenantId  the tenant whose setting changed (null for an admin's own account)
 * @param sourceId  the source whose setting changed; null for a setting of the tenant (an API client, an operator)
 * @param setting   what was changed, as the console names it: "Safeguards", "SFTP account", "API client Canvas", ...
 * @param fields    each field that changed, before and after
 * @param sourceName the source's name, for the tenant's list (null for a setting of the tenant)
 */
@Serdeable
public record SettingChange(long id, @Nullable UUID tenantId, @Nullable UUID sourceId, @Nullable String sourceName,
                            Instant changedAt, String changedBy, String setting, List<FieldChange> fields) {
}
