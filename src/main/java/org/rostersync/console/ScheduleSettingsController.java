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
import org.rostersync.schedule.Schedules;
import org.rostersync.tenant.InvalidSettingException;
import org.rostersync.tenant.Schedule;
import org.rostersync.tenant.ScheduleSettings;
import org.rostersync.tenant.Source;

import java.time.DayOfWeek;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A source's schedule as a form: the same {@link ScheduleSettings} the admin API takes, so one check names the field
 * that is wrong. The page shows the next runs in the source's zone, so that what daylight saving does is seen.
 */
@Controller("/console/sources/{sourceId}/schedule")
@ExecuteOn(TaskExecutors.BLOCKING)
class ScheduleSettingsController {

    static final int UPCOMING = 5;

    private final Schedules schedules;
    private final SourceAccess access;
    private final Pages pages;

    ScheduleSettingsController(Schedules schedules, SourceAccess access, Pages pages) {
        this.schedules = schedules;
        this.access = access;
        this.pages = pages;
    }

    @Get
    HttpResponse<?> show(HttpRequest<?> request, String sourceId, @Nullable @QueryValue String saved) {
        return access.page(request, sourceId, (session, source) -> page(session, source, FormState.STORED, HttpStatus.OK,
                saved == null ? null : "Saved: the timed runs follow this schedule from now on."));
    }

    @Post(consumes = MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> save(HttpRequest<?> request, String sourceId, @Body Map<String, String> form) {
        return access.form(request, sourceId, form, (session, source) -> {
            try {
                Forms.check(form);
                schedules.save(source.id(), settings(form), session.actor());
            } catch (InvalidSettingException e) {
                return page(session, source, FormState.refused(form, e.field(), TypedLines.of(form.get("blackouts")).explain(e, "blackouts")), HttpStatus.BAD_REQUEST, null);
            }
            return Pages.seeOther("/console/sources/" + source.id() + "/schedule?saved");
        });
    }

    /** The form's fields as the schedule's text form; blank optional fields are left out. */
    static ScheduleSettings settings(Map<String, String> form) {
        List<String> days = new ArrayList<>();
        for (DayOfWeek day : DayOfWeek.values()) {
            String name = day.name().toLowerCase(Locale.ROOT);
            if (Forms.ticked(form, "day." + name)) {
                days.add(name);
            }
        }
        return new ScheduleSettings(Forms.ticked(form, "enabled"), Forms.text(form, "timeZone"), days,
                Forms.text(form, "startTime"),
                Forms.optionalInteger(form, "repeatEveryMinutes"),
                Forms.text(form, "repeatUntil"), Forms.text(form, "startDate"), Forms.text(form, "endDate"),
                BlackoutLines.parse(TypedLines.of(form.get("blackouts"))), Forms.ticked(form, "reapplyUnchanged"),
                Forms.ticked(form, "runOnArrival"),
                Forms.optionalInteger(form, "arrivalQuietMinutes"));
    }

    private HttpResponse<String> page(Session session, Source source, FormState form, HttpStatus status, String notice) {
        Schedule stored = schedules.schedule(source.id()).orElse(Schedule.DEFAULT);
        List<String> next = schedules.upcoming(stored, UPCOMING).stream()
                .map(at -> SchedulePage.local(at, stored.timeZone())).toList();
        return pages.render(status, "console/settings/schedule.jte", new SchedulePage(Frame.of("Schedule · " + source.name(),
                session), access.header(source, "schedule", notice), ScheduleSettings.of(stored),
                stored.enabled(), next, form));
    }
}
