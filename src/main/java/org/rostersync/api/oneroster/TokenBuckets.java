package org.rostersync.api.oneroster;

import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * One token bucket per key: {@code burst} tokens, refilled at {@code perSecond}. A bucket idle long enough to be full
 * again is the same as a new one, so such buckets are dropped now and then: memory holds only the clients active within
 * the last {@code burst / perSecond} seconds, however many clients there are.
 */
final class TokenBuckets {

    private static final long SWEEP_EVERY_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final double perSecond;
    private final int burst;
    private final LongSupplier nanoClock;
    private final long refillNanos;
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final AtomicLong nextSweep;

    TokenBuckets(double perSecond, int burst, LongSupplier nanoClock) {
        this.perSecond = perSecond;
        this.burst = burst;
        this.nanoClock = nanoClock;
        this.refillNanos = (long) Math.ceil(burst / perSecond * 1e9);
        this.nextSweep = new AtomicLong(nanoClock.getAsLong() + SWEEP_EVERY_NANOS);
    }

    /**
     * Takes a token from the key's bucket.
     *
     * @return empty when taken; otherwise the nanoseconds until a token will be there
     */
    OptionalLong take(String key) {
        long now = nanoClock.getAsLong();
        sweepIfDue(now);
        return buckets.computeIfAbsent(key, k -> new Bucket(burst, now)).take(now);
    }

    /** How many buckets are held (for the test of eviction). */
    int size() {
        return buckets.size();
    }

    private void sweepIfDue(long now) {
        long due = nextSweep.get();
        if (now - due >= 0 && nextSweep.compareAndSet(due, now + SWEEP_EVERY_NANOS)) {
            buckets.values().removeIf(b -> b.fullAt(now));
        }
    }

    /** Tokens and when they were last counted; synchronized per bucket, so clients never wait on each other. */
    private final class Bucket {

        private double tokens;
        private long countedAt;

        Bucket(double tokens, long countedAt) {
            this.tokens = tokens;
            this.countedAt = countedAt;
        }

        synchronized OptionalLong take(long now) {
            refill(now);
            if (tokens >= 1) {
                tokens -= 1;
                return OptionalLong.empty();
            }
            return OptionalLong.of((long) Math.ceil((1 - tokens) / perSecond * 1e9));
        }

        synchronized boolean fullAt(long now) {
            return now - countedAt >= refillNanos;
        }

        private void refill(long now) {
            long elapsed = now - countedAt;
            if (elapsed > 0) {
                tokens = Math.min(burst, tokens + elapsed / 1e9 * perSecond);
                countedAt = now;
            }
        }
    }
}
