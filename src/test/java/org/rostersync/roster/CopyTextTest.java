package org.rostersync.roster;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Values in COPY text format: backslash, tab, LF and CR escaped wherever they are; everything else as it is. */
class CopyTextTest {

    @Test
    void backslashesTabsAndLineBreaksAreEscapedWhereverTheyAre() {
        assertEquals("plain Zoë 字", text("plain Zoë 字"));
        assertEquals("\\\\start", text("\\start"));
        assertEquals("a\\tb\\nc\\rd\\\\e", text("a\tb\nc\rd\\e"));
        assertEquals("end\\n", text("end\n"));
        assertEquals("{\"a\\\\\\\\b\",\"c\\td\"}", text(List.of("a\\b", "c\td")), "inside an array literal too");
        assertEquals("\\N", text(null));
    }

    private static String text(Object value) {
        StringBuilder out = new StringBuilder();
        CopyText.append(out, value);
        return out.toString();
    }
}
