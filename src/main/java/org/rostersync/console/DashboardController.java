package org.rostersync.console;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;


/** The console's first page. */
@Controller("/console")
@ExecuteOn(TaskExecutors.BLOCKING)
class DashboardController {

    private final Dashboard dashboard;
    private final Pages pages;

    DashboardController(Dashboard dashboard, Pages pages) {
        this.dashboard = dashboard;
        this.pages = pages;
    }

    @Get
    HttpResponse<String> dashboard(HttpRequest<?> request) {
        return pages.render("console/dashboard.jte", dashboard.page(Requests.session(request)));
    }
}
