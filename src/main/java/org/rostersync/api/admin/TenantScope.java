package org.rostersync.api.admin;

import io.micronaut.http.HttpMethod;
import jakarta.inject.Singleton;
import org.rostersync.report.RunStore;
import org.rostersync.tenant.Source;
import org.rostersync.tenant.TenantService;

import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a tenant operator may call in the admin API, decided once per request from its path, before any controller runs
 * (tenant isolation at the edge): whatever a path's tenant, source or run id names must be its own tenant's, else the
 * answer is the same 404 as for an id that names nothing, so that ids do not leak; {@code /api/me} is everyone's own;
 * {@code GET /api/tenants} lists only its tenant (the controller filters it). Every other path is for admins (403):
 * an endpoint added later is closed to tenant operators until this class opens it.
 */
@Singleton
class TenantScope {

    /** A path's first segments: the family and the id it names, if any. */
    private static final Pattern SCOPED = Pattern.compile("/api/(tenants|sources|runs)/([^/]+)(/.*)?");

    private final TenantService tenants;
    private final RunStore runs;

    TenantScope(TenantService tenants, RunStore runs) {
        this.tenants = tenants;
        this.runs = runs;
    }

    /**
     * Why the caller may not make this call.
     *
     * @param notFound true: answered 404, as for an id that names nothing; false: 403, a call for admins
     */
    record Refusal(boolean notFound, String message) {
    }

    Optional<Refusal> check(Caller caller, HttpMethod method, String path) {
        if (caller.isAdmin()) {
            return Optional.empty();
        }
        if (path.contains("//") || path.contains("/./") || path.contains("/../") || path.endsWith("/.") || path.endsWith("/..")) {
            return adminsOnly("a path with empty, . or .. segments is not one of the API's"); // nothing may climb out of its scope
        }
        if (path.equals("/api/me") || path.startsWith("/api/me/")) {
            return Optional.empty();
        }
        if (path.equals("/api/tenants") || path.equals("/api/tenants/")) {
            return method == HttpMethod.GET ? Optional.empty()
                    : adminsOnly("only an admin creates tenants; you are an operator of one tenant");
        }
        Matcher m = SCOPED.matcher(path);
        if (!m.matches()) {
            return adminsOnly("only an admin may call " + method + " " + path + "; an operator of one tenant may call the"
                    + " /api/me, /api/tenants/{its tenant}, /api/sources/{its sources} and /api/runs/{their runs} calls");
        }
        String family = m.group(1);
        String what = switch (family) {
            case "tenants" -> "tenant";
            case "sources" -> "source";
            default -> "run";
        };
        Optional<UUID> tenant = uuid(m.group(2)).flatMap(id -> switch (family) {
            case "tenants" -> Optional.of(id);
            case "sources" -> tenants.source(id).map(Source::tenantId);
            default -> runs.find(id).flatMap(run -> tenants.source(run.sourceId())).map(Source::tenantId);
        });
        if (tenant.isPresent() && caller.sees(tenant.get())) {
            return Optional.empty();
        }
        return Optional.of(new Refusal(true, what + " " + m.group(2) + " not found"));
    }

    private static Optional<Refusal> adminsOnly(String message) {
        return Optional.of(new Refusal(false, message));
    }

    private static Optional<UUID> uuid(String text) {
        try {
            return Optional.of(UUID.fromString(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
