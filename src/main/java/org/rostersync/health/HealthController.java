package org.rostersync.health;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import org.rostersync.database.Db;
import org.rostersync.storage.ObjectStore;
import org.rostersync.database.InstanceLiveness;
import org.rostersync.intake.sftp.SftpServer;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code /health}: 200 once the database answers and the SFTP server listens (HTTP is up if this answers at all); 503
 * otherwise. The body names each part's state and the version that answers. {@code /health/readiness} and
 * {@code /health/liveness} are for orchestrators (Kubernetes' probes, a load balancer's health check): ready says send
 * traffic here, live says leave the process running.
 */
@Controller("/health")
@ExecuteOn(TaskExecutors.BLOCKING)
class HealthController {

    /**
     * The instance's liveness watch runs every few seconds and finishes within seconds even when the database is away;
     * past this long without a finished round the process is wedged.
     */
    static final Duration WEDGED_AFTER = Duration.ofMinutes(2);

    private final Db db;
    private final SftpServer sftp;
    private final InstanceLiveness liveness;
    private final ObjectStore objects;
    private final String version = Version.current();

    HealthController(Db db, SftpServer sftp, InstanceLiveness liveness, ObjectStore objects) {
        this.objects = objects;
        this.db = db;
        this.sftp = sftp;
        this.liveness = liveness;
    }

    @Get
    HttpResponse<Map<String, String>> health() {
        boolean database = db.answers(2);
        boolean sftpUp = sftp.isRunning();
        Map<String, String> body = new LinkedHashMap<>();
        body.put("status", database && sftpUp ? "UP" : "DOWN");
        body.put("database", database ? "UP" : "DOWN");
        body.put("http", "UP");
        body.put("sftp", sftpUp ? "UP" : "DOWN");
        body.put("version", version);
        return HttpResponse.status(database && sftpUp ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).body(body);
    }

    /**
     * Ready for traffic: the migrations ran (the pool {@link Db} uses is handed out only after Flyway migrated the
     * schema, and this controller cannot exist before it), the database answers, and the SFTP server listens. With
     * object storage configured the body says whether its bucket answers (a HEAD of the bucket), but the instance stays
     * ready without it: every instance shares the one bucket, so taking this one out of its balancer would move nothing,
     * and the OneRoster API, read all day, does not need the bucket (uploads are refused and runs fail meanwhile, each
     * saying why, and rostersync_storage_operations_total counts the failures).
     */
    @Get("/readiness")
    HttpResponse<Map<String, String>> readiness() {
        boolean database = db.answers(2);
        boolean sftpUp = sftp.isRunning();
        Map<String, String> body = new LinkedHashMap<>();
        body.put("status", "DOWN"); // first in the body; said below
        body.put("migrations", "UP");
        body.put("database", database ? "UP" : "DOWN");
        body.put("sftp", sftpUp ? "UP" : "DOWN");
        if (objects.enabled()) {
            body.put("objectStorage", objects.answers() ? "UP" : "DOWN");
        }
        boolean ready = database && sftpUp;
        body.put("status", ready ? "UP" : "DOWN");
        return HttpResponse.status(ready ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).body(body);
    }

    /**
     * Alive unless wedged: no threads deadlocked, and the instance's liveness watch still finishes its rounds. A
     * database that is away does not make the process dead (restarting would not bring it back): readiness says that.
     */
    @Get("/liveness")
    HttpResponse<Map<String, String>> liveness() {
        long[] deadlocked = ManagementFactory.getThreadMXBean().findDeadlockedThreads();
        Duration sinceWatch = liveness.sinceLastLook();
        boolean watching = sinceWatch.compareTo(WEDGED_AFTER) < 0;
        boolean live = deadlocked == null && watching;
        Map<String, String> body = new LinkedHashMap<>();
        body.put("status", live ? "UP" : "DOWN");
        body.put("threads", deadlocked == null ? "UP" : "DOWN: " + deadlocked.length + " threads deadlocked");
        body.put("watch", watching ? "UP" : "DOWN: no round for " + sinceWatch.toSeconds() + " s");
        return HttpResponse.status(live ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).body(body);
    }
}
