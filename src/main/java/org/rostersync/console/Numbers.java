package org.rostersync.console;

import java.util.Locale;

/** How the console writes counts: with thousands separators (2,058), as people read them. */
public final class Numbers {

    private Numbers() {
    }

    public static String of(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }
}
