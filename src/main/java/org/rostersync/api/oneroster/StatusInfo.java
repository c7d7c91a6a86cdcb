package org.rostersync.api.oneroster;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** imsx_StatusInfo in the 1.1 practice: a {@code statusInfoSet} array, {@code imsx_codeMinor} as a plain string. */
public final class StatusInfo {

    private StatusInfo() {
    }

    static MutableHttpResponse<Map<String, Object>> failure(HttpStatus status, String codeMinor, String description) {
        return HttpResponse.<Map<String, Object>>status(status).body(body(codeMinor, description));
    }

    /** The body of a failure: {@code {"statusInfoSet":[{imsx_codeMajor, imsx_severity, imsx_codeMinor, imsx_description}]}}. */
    public static Map<String, Object> body(String codeMinor, String description) {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("imsx_codeMajor", "failure");
        info.put("imsx_severity", "error");
        info.put("imsx_codeMinor", codeMinor);
        info.put("imsx_description", description);
        return Map.of("statusInfoSet", List.of(info));
    }

    /** A warning that sits in a {@code statusInfoSet} next to the data of a 200 (an unknown sort or selection field). */
    static Map<String, Object> warning(String codeMinor, String description) {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("imsx_codeMajor", "success");
        info.put("imsx_severity", "warning");
        info.put("imsx_codeMinor", codeMinor);
        info.put("imsx_description", description);
        return info;
    }

    /** The 1.1 codeMinor for an HTTP status (as go-oneroster and Microsoft's demo map them). */
    public static String codeMinor(HttpStatus status) {
        return switch (status) {
            case BAD_REQUEST -> "invalid data";
            case UNAUTHORIZED -> "unauthorized";
            case FORBIDDEN -> "forbidden";
            case NOT_FOUND -> "unknown object";
            case TOO_MANY_REQUESTS -> "server_busy";
            default -> "internal_server_error";
        };
    }
}
