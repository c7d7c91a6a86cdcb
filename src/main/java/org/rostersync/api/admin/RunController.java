package org.rostersync.api.admin;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.rostersync.operator.OperatorService;
import org.rostersync.pipeline.RunService;
import org.rostersync.report.IssuePage;
import org.rostersync.report.Run;
import org.rostersync.report.RunStore;
import org.rostersync.tenant.Source;
import org.rostersync.tenant.TenantService;

import java.sql.SQLException;
import java.util.List;
import java.util.UUID;

/** Sources, starting runs, and reading runs with their issues. */
@Controller("/api")
@ExecuteOn(TaskExecutors.BLOCKING)
class RunController {

    private final TenantService tenants;
    private final RunService runService;
    private final RunStore runs;

    RunController(TenantService tenants, RunService runService, RunStore runs) {
        this.tenants = tenants;
        this.runService = runService;
        this.runs = runs;
    }

    @Get("/sources/{sourceId}")
    Source source(UUID sourceId) throws SQLException {
        return find(sourceId);
    }

    /** Runs the pipeline now on the source's latest complete delivery. */
    @Post("/sources/{sourceId}/runs")
    HttpResponse<Run> start(UUID sourceId) throws SQLException {
        return HttpResponse.accepted().body(runService.start(find(sourceId)));
    }

    @Get("/sources/{sourceId}/runs")
    List<Run> list(UUID sourceId, @QueryValue(defaultValue = "50") @Min(1) @Max(1000) int limit) throws SQLException {
        find(sourceId);
        return runs.forSource(sourceId, limit);
    }

    @Get("/runs/{runId}")
    Run run(UUID runId) throws SQLException {
        return runs.find(runId).orElseThrow(() -> new NotFoundException("run", runId));
    }

    @Get("/runs/{runId}/issues")
    IssuePage issues(UUID runId,
                     @QueryValue(defaultValue = "100") @Min(1) @Max(10000) int limit,
                     @QueryValue(defaultValue = "0") @Min(0) int offset) throws SQLException {
        run(runId);
        return runs.issues(runId, limit, offset);
    }

    /** Applies a held run: computed again from its frozen delivery and settings, without the safeguards. */
    @Post("/runs/{runId}/approve")
    HttpResponse<Run> approve(UUID runId) throws SQLException {
        Run run = run(runId);
        return HttpResponse.accepted().body(runService.approve(runId, find(run.sourceId()), OperatorService.ADMIN));
    }

    /** Drops a held run: nothing of it is applied. */
    @Post("/runs/{runId}/discard")
    Run discard(UUID runId) throws SQLException {
        run(runId);
        return runService.discard(runId, OperatorService.ADMIN);
    }

    private Source find(UUID sourceId) throws SQLException {
        return tenants.source(sourceId).orElseThrow(() -> new NotFoundException("source", sourceId));
    }
}
