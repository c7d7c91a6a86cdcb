package org.rostersync.console;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import org.rostersync.pipeline.AttributeMappingRules;
import org.rostersync.tenant.AttributeMapping;
import org.rostersync.tenant.InvalidSettingException;
import org.rostersync.tenant.Source;
import org.rostersync.tenant.TenantService;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A source's attribute mapping: per file, the column each attribute is read from. {@link AttributeMappingRules#check}
 * decides what may be mapped, as for the admin API's PUT.
 */
@Controller("/console/sources/{sourceId}/attributes")
@ExecuteOn(TaskExecutors.BLOCKING)
class AttributesController {

    private final TenantService tenants;
    private final SourceAccess access;
    private final Pages pages;

    AttributesController(TenantService tenants, SourceAccess access, Pages pages) {
        this.tenants = tenants;
        this.access = access;
        this.pages = pages;
    }

    @Get
    HttpResponse<?> show(HttpRequest<?> request, String sourceId, @Nullable @QueryValue String saved) {
        return access.page(request, sourceId, (session, source) -> page(session, source, FormState.STORED, HttpStatus.OK,
                saved == null ? null : "Saved: the next run reads the attributes from these columns."));
    }

    /**
     * Saves the columns the form holds, one field per attribute ({@code users.identifier}). A blank field, or one naming
     * the attribute's own column, reads the attribute from its own column.
     */
    @Post(consumes = MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> save(HttpRequest<?> request, String sourceId, @Body Map<String, String> form) {
        return access.form(request, sourceId, form, (session, source) -> {
            Map<String, Map<String, String>> requested = new LinkedHashMap<>();
            form.forEach((field, column) -> {
                int dot = field.indexOf('.');
                if (dot > 0 && !field.startsWith("_") && column != null && !column.isBlank()) {
                    requested.computeIfAbsent(field.substring(0, dot), e -> new LinkedHashMap<>()).put(field.substring(dot + 1), column);
                }
            });
            AttributeMapping mapping;
            try {
                Forms.check(form);
                mapping = AttributeMappingRules.check(requested);
            } catch (InvalidSettingException e) {
                return page(session, source, FormState.refused(form, e), HttpStatus.BAD_REQUEST, null);
            }
            tenants.saveAttributeMapping(source.id(), mapping, session.actor());
            return Pages.seeOther("/console/sources/" + source.id() + "/attributes?saved");
        });
    }

    private HttpResponse<String> page(Session session, Source source, FormState form, HttpStatus status, String notice) {
        AttributeMapping stored = tenants.attributeMapping(source.id()).orElse(AttributeMapping.DEFAULT);
        return pages.render(status, "console/settings/attributes.jte", new AttributesPage(
                Frame.of("Attribute mapping · " + source.name(), session),
                access.header(source, "attributes", notice), AttributeMappingRules.describe(stored), form));
    }
}
