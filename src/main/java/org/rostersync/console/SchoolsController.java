package org.rostersync.console;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Part;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.multipart.CompletedFileUpload;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import org.rostersync.pipeline.SchoolList;
import org.rostersync.tenant.InvalidSettingException;
import org.rostersync.tenant.SchoolMapping;
import org.rostersync.tenant.Source;
import org.rostersync.tenant.TenantService;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A source's school mapping: its mode, every school (include, rename, forget), and an orgs.csv upload that maps the
 * schools it lists. The admin API's domain methods ({@link SchoolMapping#withEntries}, {@link SchoolList#fromOrgsCsv},
 * {@link SchoolMapping#withListed}) decide, so the console and the API refuse the same things.
 */
@Controller("/console/sources/{sourceId}/schools")
@ExecuteOn(TaskExecutors.BLOCKING)
class SchoolsController {

    /** The upload field's name, where a refused orgs.csv's error is shown. */
    static final String ORGS_FIELD = "orgs";

    private final TenantService tenants;
    private final SourceAccess access;
    private final Pages pages;

    SchoolsController(TenantService tenants, SourceAccess access, Pages pages) {
        this.tenants = tenants;
        this.access = access;
        this.pages = pages;
    }

    @Get
    HttpResponse<?> show(HttpRequest<?> request, String sourceId, @Nullable @QueryValue String saved,
                         @Nullable @QueryValue String listed) {
        String notice = saved != null ? "Saved: the next run applies this school mapping."
                : listed != null ? "Mapped the schools of the orgs.csv: new ones are added and included." : null;
        return access.page(request, sourceId, (session, source) ->
                page(session, source, FormState.STORED, FormState.STORED, HttpStatus.OK, notice));
    }

    @Post(consumes = MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> save(HttpRequest<?> request, String sourceId, @Body Map<String, String> form) {
        return access.form(request, sourceId, form, (session, source) -> {
            SchoolMapping current = tenants.schoolMapping(source.id()).orElseThrow();
            SchoolMappingForm sent = SchoolMappingForm.read(form, current);
            SchoolMapping mapping;
            try {
                Forms.check(form);
                mapping = current.withEntries(sent.mode(), sent.entries());
            } catch (InvalidSettingException e) {
                return page(session, source, FormState.refused(form, sent.formField(e.field()), e.getMessage()), FormState.STORED,
                        HttpStatus.BAD_REQUEST, null);
            }
            tenants.saveSchoolMapping(source.id(), mapping, session.actor());
            return Pages.seeOther("/console/sources/" + source.id() + "/schools?saved");
        });
    }

    /**
     * Maps the schools an uploaded orgs.csv lists, as the admin API's {@code POST school-mapping/orgs} does. The token
     * comes as a part of the multipart form (the Origin check is the console filter's, as for every form).
     */
    @Post(value = "/orgs", consumes = MediaType.MULTIPART_FORM_DATA)
    HttpResponse<?> upload(HttpRequest<?> request, String sourceId, @Nullable @Part("_csrf") String csrf,
                           @Nullable @Part(ORGS_FIELD) CompletedFileUpload orgs) {
        Map<String, String> token = csrf == null ? Map.of() : Map.of("_csrf", csrf);
        return access.form(request, sourceId, token, (session, source) -> {
            SchoolMapping current = tenants.schoolMapping(source.id()).orElseThrow();
            Map<String, String> listed = new LinkedHashMap<>();
            try {
                if (orgs == null || (orgs.getFilename().isBlank() && orgs.getSize() == 0)) {
                    throw new InvalidSettingException(ORGS_FIELD, "Choose an orgs.csv file to upload.");
                }
                SchoolList.fromOrgsCsv(orgs.getBytes()).forEach(school -> listed.put(school.sourcedId(), school.name()));
            } catch (InvalidSettingException e) {
                return page(session, source, FormState.STORED, FormState.refused(Map.of(), ORGS_FIELD, e.getMessage()),
                        HttpStatus.BAD_REQUEST, null);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            tenants.saveSchoolMapping(source.id(), current.withListed(listed), session.actor());
            return Pages.seeOther("/console/sources/" + source.id() + "/schools?listed");
        });
    }

    private HttpResponse<String> page(Session session, Source source, FormState form, FormState upload, HttpStatus status,
                                      String notice) {
        ZoneId zone = access.zone(source);
        SchoolMapping mapping = tenants.schoolMapping(source.id()).orElseThrow();
        return pages.render(status, "console/settings/schools.jte", SchoolsPage.of(Frame.of("Schools · " + source.name(), session),
                access.header(source, "schools", notice), mapping, zone, form, upload));
    }
}
