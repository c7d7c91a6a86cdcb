package org.rostersync.security;

import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

/**
 * At most so many password hashes computed at once; the others wait their turn. An Argon2 check takes a core for tens
 * of milliseconds: without a bound, a flood of guesses (at the console, the admin API or SFTP) would take every core
 * from runs and API reads. Waiting threads cost memory, not CPU, and the address bans end a flood from one address.
 */
public final class HashingSlots {

    private final Semaphore slots;

    /** @param slots hashes computed at once, at least 1 */
    public HashingSlots(int slots) {
        if (slots < 1) {
            throw new IllegalArgumentException("at least one password check at once, not " + slots);
        }
        this.slots = new Semaphore(slots, true); // fair: a flood cannot keep overtaking an operator's check
    }

    /** The number of cores, the default: every check has a core while it runs, and no more than that. */
    public static HashingSlots perCore() {
        return new HashingSlots(Runtime.getRuntime().availableProcessors());
    }

    public <T> T run(Supplier<T> work) {
        slots.acquireUninterruptibly();
        try {
            return work.get();
        } finally {
            slots.release();
        }
    }

    /** Checks waiting for a slot now. */
    public int waiting() {
        return slots.getQueueLength();
    }

    /** Slots free now. */
    public int free() {
        return slots.availablePermits();
    }
}
