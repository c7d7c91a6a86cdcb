package org.rostersync.operator;

import java.net.InetAddress;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The addresses each operator signed in from (the last {@value #TRACKED} pairs, in this instance's memory): a lock that
 * strangers' guesses put on an operator does not hold these, so the real operator keeps getting in.
 */
final class KnownAddresses {

    static final int TRACKED = 10_000;

    private record Key(String username, InetAddress address) {
    }

    private final Map<Key, Instant> seen = new ConcurrentHashMap<>();

    boolean known(String username, InetAddress address) {
        return seen.containsKey(new Key(username, address));
    }

    void signedIn(String username, InetAddress address, Instant now) {
        if (seen.put(new Key(username, address), now) == null && seen.size() > TRACKED) {
            seen.entrySet().stream().min(Map.Entry.comparingByValue())
                    .ifPresent(oldest -> seen.remove(oldest.getKey(), oldest.getValue()));
        }
    }
}
