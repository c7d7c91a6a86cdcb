package org.rostersync.tenant;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * One field of a setting before and after a change ({@code null}: it had no value, or did not exist). A secret's value
 * is never kept: it reads {@code set}, {@code not set} or, when one was replaced by another, {@code changed}.
 *
 * @param field the field's path in the setting, such as {@code maxDeletedPercent} or {@code schools[org-1].included}
 */
@Serdeable
public record FieldChange(String field, @Nullable String before, @Nullable String after) {
}
