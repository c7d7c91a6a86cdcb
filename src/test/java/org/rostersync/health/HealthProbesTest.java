package org.rostersync.health;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.rostersync.intake.sftp.SftpServer;
import org.rostersync.intake.sftp.SftpStopper;
import org.rostersync.support.RunningApp;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.ReentrantLock;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

@ExtendWith(RunningApp.class)
class HealthProbesTest {

    @Test
    void aRunningServiceIsReadyAndLiveAndHealthKeepsItsShape(RunningApp.App app) {
        RunningApp.Response ready = app.get("/health/readiness", null, null);
        assertEquals(200, ready.status(), ready.toString());
        assertEquals(Map.of("status", "UP", "migrations", "UP", "database", "UP", "sftp", "UP"), ready.map());
        RunningApp.Response live = app.get("/health/liveness", null, null);
        assertEquals(200, live.status(), live.toString());
        assertEquals(Map.of("status", "UP", "threads", "UP", "watch", "UP"), live.map());
        RunningApp.Response health = app.get("/health", null, null);
        assertEquals(Map.of("status", "UP", "database", "UP", "http", "UP", "sftp", "UP", "version", org.rostersync.health.Version.current()),
                health.map(), "/health keeps its shape, with the version that answers");
    }

    @Test
    void aServiceWhoseSftpServerStoppedIsNotReadyButStillLive() throws Exception {
        try (RunningApp.App app = RunningApp.startWith(Map.of())) {
            assertEquals(200, app.get("/health/readiness", null, null).status());
            SftpStopper.stop(app.context().getBean(SftpServer.class));
            RunningApp.Response ready = app.get("/health/readiness", null, null);
            assertEquals(503, ready.status(), ready.toString());
            assertEquals("DOWN", ready.map().get("sftp"));
            assertEquals(200, app.get("/health/liveness", null, null).status(), "restarting would not help a port: not dead");
        }
    }

    @Test
    void deadlockedThreadsMakeTheProcessNotLiveUntilTheyAreFreed(RunningApp.App app) throws Exception {
        ReentrantLock a = new ReentrantLock();
        ReentrantLock b = new ReentrantLock();
        CountDownLatch bothHoldOne = new CountDownLatch(2);
        Thread first = new Thread(() -> lockBoth(a, b, bothHoldOne), "deadlock-test-1");
        Thread second = new Thread(() -> lockBoth(b, a, bothHoldOne), "deadlock-test-2");
        first.start();
        second.start();
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> app.get("/health/liveness", null, null).status() == 503);
            RunningApp.Response dead = app.get("/health/liveness", null, null);
            assertEquals("DOWN: 2 threads deadlocked", dead.map().get("threads"), dead.toString());
        } finally {
            first.interrupt();
            second.interrupt();
            first.join();
            second.join();
        }
        assertEquals(200, app.get("/health/liveness", null, null).status());
    }

    private static void lockBoth(ReentrantLock mine, ReentrantLock other, CountDownLatch bothHoldOne) {
        try {
            mine.lockInterruptibly();
            try {
                bothHoldOne.countDown();
                bothHoldOne.await();
                other.lockInterruptibly();
                other.unlock();
            } finally {
                mine.unlock();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
