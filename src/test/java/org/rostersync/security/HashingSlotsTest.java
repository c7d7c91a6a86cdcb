package org.rostersync.security;

import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Password hashes are computed a bounded number at once: the others wait, so guesses cannot take every core. */
class HashingSlotsTest {

    @Test
    void aCheckWaitsWhileEverySlotIsTakenAndRunsOnceOneIsFree() throws Exception {
        PasswordHasher hasher = new PasswordHasher(1, 300);
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
    void aPasswordThatCheckedRightIsAnsweredFromMemoryWithoutASlotWhileAWrongOneWaitsForOne() throws Exception {
        PasswordHasher hasher = new PasswordHasher(1, 300);
        ExecutorService threads = Executors.newFixedThreadPool(3);
        String stored = hasher.hash("the password");
        assertTrue(hasher.verify("the password", stored));
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> busy = holdTheOnlySlot(hasher, threads, release);
        CompletableFuture<Boolean> wrong = CompletableFuture.supplyAsync(() -> hasher.verify("the passworD", stored), threads);
        assertTrue(CompletableFuture.supplyAsync(() -> hasher.verify("the password", stored), threads).get(30, TimeUnit.SECONDS),
                "the right password again: remembered, no hash computed, no slot needed");
        while (hasher.slots().waiting() == 0) {
            Thread.onSpinWait(); // a wrong password is never answered from memory: it queues for the slot
        }
        assertFalse(wrong.isDone());
        release.countDown();
        busy.get();
        assertFalse(wrong.get());
        assertFalse(hasher.verify("the password", hasher.hash("another password")), "remembered for its stored hash only");
        threads.shutdown();
    }

    @Test
    void anUnknownAccountIsCheckedInASlotAsAWrongPasswordIs() throws Exception {
        PasswordHasher hasher = new PasswordHasher(1, 300);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> busy = holdTheOnlySlot(hasher, threads, release);
        CompletableFuture<Boolean> unknown = CompletableFuture.supplyAsync(() -> hasher.verify("any password", null), threads);
        while (hasher.slots().waiting() == 0) {
            Thread.onSpinWait(); // the decoy is checked as a real hash would be: in a slot, a whole Argon2 computation
        }
        assertFalse(unknown.isDone());
        release.countDown();
        busy.get();
        assertFalse(unknown.get());
        threads.shutdown();
    }

    @Test
    void withRememberingOffEveryCheckWaitsForASlot() throws Exception {
        PasswordHasher hasher = new PasswordHasher(1, 0);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        String stored = hasher.hash("the password");
        assertTrue(hasher.verify("the password", stored));
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> busy = holdTheOnlySlot(hasher, threads, release);
        CompletableFuture<Boolean> again = CompletableFuture.supplyAsync(() -> hasher.verify("the password", stored), threads);
        while (hasher.slots().waiting() == 0) {
            Thread.onSpinWait();
        }
        assertFalse(again.isDone(), "checked again, in a slot");
        release.countDown();
        busy.get();
        assertTrue(again.get());
        threads.shutdown();
    }

    private static CompletableFuture<Void> holdTheOnlySlot(PasswordHasher hasher, ExecutorService threads, CountDownLatch release)
            throws InterruptedException {
        CountDownLatch holding = new CountDownLatch(1);
        CompletableFuture<Void> busy = CompletableFuture.runAsync(() -> hasher.slots().run(() -> {
            holding.countDown();
            await(release);
            return null;
        }), threads);
        holding.await();
        return busy;
    }

    @Test
    void zeroMeansOneSlotPerCore() {
        assertEquals(Runtime.getRuntime().availableProcessors(), new PasswordHasher(0, 300).slots().free());
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
