package org.rostersync.api.admin;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import org.rostersync.pipeline.RunDecisionException;
import org.rostersync.tenant.InvalidSettingException;
import org.rostersync.tenant.UsernameTakenException;

/** Turns the admin API's exceptions into JSON answers that say what is wrong. */
final class AdminErrors {

    private AdminErrors() {
    }

    /** An exception answered with one status and its message; the field, where the exception knows it. */
    private abstract static class Answer<E extends RuntimeException> implements ExceptionHandler<E, HttpResponse<ApiError>> {

        private final HttpStatus status;

        Answer(HttpStatus status) {
            this.status = status;
        }

        String field(E e) {
            return null;
        }

        @Override
        public HttpResponse<ApiError> handle(HttpRequest request, E e) {
            return HttpResponse.<ApiError>status(status).body(new ApiError(e.getMessage(), field(e)));
        }
    }

    @Produces
    @Singleton
    @Requires(classes = {NotFoundException.class, ExceptionHandler.class})
    static class NotFound extends Answer<NotFoundException> {
        NotFound() {
            super(HttpStatus.NOT_FOUND);
        }
    }

    @Produces
    @Singleton
    @Requires(classes = {UsernameTakenException.class, ExceptionHandler.class})
    static class UsernameTaken extends Answer<UsernameTakenException> {
        UsernameTaken() {
            super(HttpStatus.CONFLICT);
        }

        @Override
        String field(UsernameTakenException e) {
            return e.field();
        }
    }

    @Produces
    @Singleton
    @Requires(classes = {InvalidSettingException.class, ExceptionHandler.class})
    static class InvalidSetting extends Answer<InvalidSettingException> {
        InvalidSetting() {
            super(HttpStatus.BAD_REQUEST);
        }

        @Override
        String field(InvalidSettingException e) {
            return e.field();
        }
    }

    @Produces
    @Singleton
    @Requires(classes = {org.rostersync.operator.InvalidOperatorException.class, ExceptionHandler.class})
    static class InvalidOperator extends Answer<org.rostersync.operator.InvalidOperatorException> {
        InvalidOperator() {
            super(HttpStatus.BAD_REQUEST);
        }

        @Override
        String field(org.rostersync.operator.InvalidOperatorException e) {
            return e.field();
        }
    }

    @Produces
    @Singleton
    @Requires(classes = {GoneException.class, ExceptionHandler.class})
    static class Gone extends Answer<GoneException> {
        Gone() {
            super(HttpStatus.GONE);
        }
    }

    @Produces
    @Singleton
    @Requires(classes = {org.rostersync.notify.VendorReportRefused.class, ExceptionHandler.class})
    static class VendorReportRefused extends Answer<org.rostersync.notify.VendorReportRefused> {
        VendorReportRefused() {
            super(HttpStatus.CONFLICT);
        }
    }

    @Produces
    @Singleton
    @Requires(classes = {RunDecisionException.class, ExceptionHandler.class})
    static class RunDecision extends Answer<RunDecisionException> {
        RunDecision() {
            super(HttpStatus.CONFLICT);
        }
    }

    /** Bean validation of request bodies: 400 naming the field, e.g. {@code sftp.password}. */
    @Produces
    @Singleton
    @io.micronaut.context.annotation.Replaces(io.micronaut.validation.exceptions.ConstraintExceptionHandler.class)
    static class Invalid implements ExceptionHandler<ConstraintViolationException, HttpResponse<ApiError>> {
        @Override
        public HttpResponse<ApiError> handle(HttpRequest request, ConstraintViolationException e) {
            ConstraintViolation<?> first = e.getConstraintViolations().stream()
                    .min(java.util.Comparator.comparing(v -> v.getPropertyPath().toString()))
                    .orElseThrow();
            String field = field(first.getPropertyPath());
            return HttpResponse.badRequest(new ApiError(field + ": " + first.getMessage(), field));
        }

        /** The path below the method parameter: {@code create.body.sftp.password} → {@code sftp.password}. */
        private static String field(Path path) {
            StringBuilder out = new StringBuilder();
            int index = 0;
            for (Path.Node node : path) {
                if (index++ < 2 && (node.getKind() == jakarta.validation.ElementKind.METHOD
                        || node.getKind() == jakarta.validation.ElementKind.PARAMETER)) {
                    continue;
                }
                if (!out.isEmpty()) {
                    out.append('.');
                }
                out.append(node.getName());
            }
            return out.isEmpty() ? path.toString() : out.toString();
        }
    }
}
