package org.rostersync.security;

import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Password hashes are computed a bounded number at once: the others wait, so guesses cannot take every core. */
class HashingSlotsTest {

    @Test
    void aCheckWaitsWhileEverySlotIsTakenAndRunsOnceOneIsFree() throws Exception {
        PasswordHasher hasher = new PasswordHasher(1);
        // threads of the test's own: the common pool may have a single thread on two cores
        ExecutorService threads = Executors.newFixedThreadPool(2);
        String stored = hasher.hash("the password");
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> busy = CompletableFuture.runAsync(() -> hasher.slots().run(() -> {
            holding.countDown();
            await(release);
            return null;
        }), threads);
        holding.await();
        CompletableFuture<Boolean> check = CompletableFuture.supplyAsync(() -> hasher.verify("the password", stored), threads);
        while (hasher.slots().waiting() == 0) {
            Thread.onSpinWait(); // until the check queues for the slot
        }
        assertFalse(check.isDone(), "the check runs only when a slot is free");
        release.countDown();
        busy.get();
        assertTrue(check.get(), "and then checks as usual");
        assertEquals(1, hasher.slots().free());
        threads.shutdown();
    }

    @Test
    void zeroMeansOneSlotPerCore() {
        assertEquals(Runtime.getRuntime().availableProcessors(), new PasswordHasher(0).slots().free());
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
