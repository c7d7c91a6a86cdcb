package org.rostersync.pipeline;

import org.rostersync.tenant.Source;
import org.slf4j.MDC;

import java.util.UUID;

/**
 * Names a run's tenant and source, by name and by id, on every line its thread logs while it executes: the log's
 * pattern shows the names ({@code logback.xml}), and the JSON lines carry all five keys. A run executes on one thread
 * from claim to end, so the context set here covers every line it logs, the roster's and the inbox's included.
 */
final class RunLogContext implements AutoCloseable {

    static final String TENANT = "tenant";
    static final String SOURCE = "source";
    static final String TENANT_ID = "tenantId";
    static final String SOURCE_ID = "sourceId";
    static final String RUN = "run";

    private RunLogContext() {
    }

    static RunLogContext open(UUID runId, String tenantName, Source source) {
        MDC.put(TENANT, tenantName);
        MDC.put(SOURCE, source.name());
        MDC.put(TENANT_ID, source.tenantId().toString());
        MDC.put(SOURCE_ID, source.id().toString());
        MDC.put(RUN, runId.toString());
        return new RunLogContext();
    }

    @Override
    public void close() {
        MDC.remove(TENANT);
        MDC.remove(SOURCE);
        MDC.remove(TENANT_ID);
        MDC.remove(SOURCE_ID);
        MDC.remove(RUN);
    }
}
