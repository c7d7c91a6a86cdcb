package org.rostersync.api.oneroster;

import org.junit.jupiter.api.Test;

import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TokenBucketsTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);

    @Test
    void aBurstThenOneRequestPerRefilledToken() {
        TokenBuckets buckets = new TokenBuckets(2, 3, now::get);
        for (int i = 0; i < 3; i++) {
            assertTrue(buckets.take("a").isEmpty());
        }
        OptionalLong wait = buckets.take("a");
        assertEquals(TimeUnit.MILLISECONDS.toNanos(500), wait.getAsLong(), "a token every half second");
        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(500));
        assertTrue(buckets.take("a").isEmpty());
        assertTrue(buckets.take("a").isPresent());
        assertTrue(buckets.take("b").isEmpty(), "keys do not share a bucket");
    }

    @Test
    void idleBucketsAreForgottenSoMemoryFollowsOnlyActiveClients() {
        TokenBuckets buckets = new TokenBuckets(100, 10, now::get);
        for (int i = 0; i < 50_000; i++) {
            buckets.take("client-" + i);
        }
        assertEquals(50_000, buckets.size());
        now.addAndGet(TimeUnit.SECONDS.toNanos(11));
        buckets.take("active");
        assertEquals(1, buckets.size(), "full buckets are the same as new ones, so they are dropped");
    }

    @Test
    void aForgottenBucketComesBackFull() {
        TokenBuckets buckets = new TokenBuckets(1, 2, now::get);
        buckets.take("a");
        buckets.take("a");
        assertTrue(buckets.take("a").isPresent());
        now.addAndGet(TimeUnit.SECONDS.toNanos(11));
        buckets.take("b");
        assertTrue(buckets.take("a").isEmpty());
        assertTrue(buckets.take("a").isEmpty());
        assertTrue(buckets.take("a").isPresent(), "no more than the burst");
    }
}
