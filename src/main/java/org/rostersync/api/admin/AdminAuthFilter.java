package org.rostersync.api.admin;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import org.rostersync.operator.OperatorService;
import org.rostersync.security.BasicCredentials;

import java.sql.SQLException;

/** Every /api request must carry HTTP Basic credentials of the operator {@code admin}. */
@ServerFilter("/api/**")
class AdminAuthFilter {

    private final OperatorService operators;

    AdminAuthFilter(OperatorService operators) {
        this.operators = operators;
    }

    @RequestFilter
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Nullable
    HttpResponse<?> authenticate(HttpRequest<?> request) throws SQLException {
        var credentials = BasicCredentials.parse(request.getHeaders().getAuthorization().orElse(null));
        if (credentials.isPresent() && OperatorService.ADMIN.equals(credentials.get().user())
                && operators.authenticate(credentials.get().user(), credentials.get().password())) {
            return null;
        }
        return HttpResponse.unauthorized()
                .header("WWW-Authenticate", "Basic realm=\"rostersync admin\", charset=\"UTF-8\"")
                .body(new ApiError("operator credentials required (HTTP Basic, user admin)", null));
    }
}
