package org.rostersync.security;

import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Password hashes are computed a bounded number at once: the others wait, so guesses cannot take every core. A password
 * that checked right is remembered, and needs no slot the next time.
 */
class HashingSlotsTest {

    @Test
    void aCheckWaitsWhileEverySlotIsTakenAndRunsOnceOneIsFree() throws Exception {
        PasswordHasher hasher = new PasswordHasher(1, 300);
        String stored = hasher.hash("the password");
        assertTrue(checkedInTheOnlySlot(hasher, () -> hasher.verify("the password", stored)), "and then checks as usual");
        assertEquals(1, hasher.slots().free());
    }

    @Test
    void aPasswordThatCheckedRightIsAnsweredFromMemoryWithoutASlotWhileAWrongOneWaitsForOne() throws Exception {
        PasswordHasher hasher = new PasswordHasher(1, 300);
        String stored = hasher.hash("the password");
        assertTrue(hasher.verify("the password", stored));
        ExecutorService threads = Executors.newFixedThreadPool(2);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> busy = holdTheOnlySlot(hasher, threads, release);
        try {
            assertTrue(CompletableFuture.supplyAsync(() -> hasher.verify("the password", stored), threads).get(30, TimeUnit.SECONDS),
                    "the right password again: remembered, no hash computed, no slot needed");
        } finally {
            release.countDown();
            busy.get();
            threads.shutdown();
        }
        assertFalse(checkedInTheOnlySlot(hasher, () -> hasher.verify("the passworD", stored)),
                "a wrong password is never answered from memory");
        assertFalse(hasher.verify("the password", hasher.hash("another password")), "remembered for its stored hash only");
    }

    @Test
    void anUnknownAccountIsCheckedInASlotAsAWrongPasswordIs() throws Exception {
        PasswordHasher hasher = new PasswordHasher(1, 300);
        // the decoy is checked as a real hash would be: in a slot, a whole Argon2 computation
        assertFalse(checkedInTheOnlySlot(hasher, () -> hasher.verify("any password", null)));
    }

    @Test
    void withRememberingOffEveryCheckWaitsForASlot() throws Exception {
        PasswordHasher hasher = new PasswordHasher(1, 0);
        String stored = hasher.hash("the password");
        assertTrue(hasher.verify("the password", stored));
        assertTrue(checkedInTheOnlySlot(hasher, () -> hasher.verify("the password", stored)), "checked again, in a slot");
    }

    @Test
    void zeroMeansOneSlotPerCore() {
        assertEquals(Runtime.getRuntime().availableProcessors(), new PasswordHasher(0, 300).slots().free());
    }

    /**
     * Runs the check while the hasher's only slot is taken: it must queue for the slot and give no answer before it is
     * free. Then its answer.
     */
    private static boolean checkedInTheOnlySlot(PasswordHasher hasher, Supplier<Boolean> check) throws Exception {
        // threads of the test's own: the common pool may have a single thread on two cores
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch release = new CountDownLatch(1);
            CompletableFuture<Void> busy = holdTheOnlySlot(hasher, threads, release);
            CompletableFuture<Boolean> answer = CompletableFuture.supplyAsync(check, threads);
            while (hasher.slots().waiting() == 0) {
                Thread.onSpinWait(); // until the check queues for the slot
            }
            assertFalse(answer.isDone(), "the check runs only when a slot is free");
            release.countDown();
            busy.get();
            return answer.get();
        } finally {
            threads.shutdown();
        }
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

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
