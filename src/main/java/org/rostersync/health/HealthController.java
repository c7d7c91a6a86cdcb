package org.rostersync.health;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import org.rostersync.database.Db;
import org.rostersync.intake.sftp.SftpServer;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * 200 once the database answers and the SFTP server listens (HTTP is up if this answers at all); 503 otherwise. The
 * body names each part's state and the version that answers.
 */
@Controller("/health")
@ExecuteOn(TaskExecutors.BLOCKING)
class HealthController {

    private final Db db;
    private final SftpServer sftp;
    private final String version = Version.current();

    HealthController(Db db, SftpServer sftp) {
        this.db = db;
        this.sftp = sftp;
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
}
