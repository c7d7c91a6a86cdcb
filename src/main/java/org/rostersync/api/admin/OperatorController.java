package org.rostersync.api.admin;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.RequestAttribute;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import org.rostersync.operator.Operator;
import org.rostersync.operator.OperatorService;
import org.rostersync.operator.Role;

import java.util.List;
import java.util.UUID;

/** The console's operators: admins, and tenant operators who see one tenant. */
@Controller("/api/operators")
@ExecuteOn(TaskExecutors.BLOCKING)
class OperatorController {

    @Serdeable
    record NewOperator(@Nullable String username, @Nullable String password, @Nullable String role, @Nullable UUID tenantId) {
    }

    @Serdeable
    record NewPassword(@Nullable String password) {
    }

    private final OperatorService operators;

    OperatorController(OperatorService operators) {
        this.operators = operators;
    }

    @Get
    List<Operator> list() {
        return operators.operators();
    }

    @Post
    HttpResponse<?> create(@Body NewOperator body, @RequestAttribute(Caller.ATTRIBUTE) Caller caller) {
        Role role = Role.of(body.role() == null ? Role.TENANT_OPERATOR.stored() : body.role());
        return operators.create(body.username(), body.password(), role, body.tenantId(), caller.actor())
                .<HttpResponse<?>>map(HttpResponse::created)
                .orElseGet(() -> HttpResponse.status(HttpStatus.CONFLICT)
                        .body(new ApiError("an operator '" + body.username() + "' exists already", "username")));
    }

    /** Sets the password and lifts a lock. */
    @Put("/{username}/password")
    HttpResponse<Void> password(String username, @Body NewPassword body, @RequestAttribute(Caller.ATTRIBUTE) Caller caller) {
        if (!operators.changePassword(username, body.password(), caller.actor())) {
            throw new NotFoundException("operator", username);
        }
        return HttpResponse.noContent();
    }

    @Delete("/{username}")
    HttpResponse<Void> delete(String username, @RequestAttribute(Caller.ATTRIBUTE) Caller caller) {
        if (!operators.delete(username, caller.actor())) {
            throw new NotFoundException("operator", username);
        }
        return HttpResponse.noContent();
    }
}
