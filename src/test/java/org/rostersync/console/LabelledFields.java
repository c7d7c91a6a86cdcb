package org.rostersync.console;

import org.rostersync.support.Browser;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Every field a person fills in has a label pointing at it (label for=id), so screen readers name it. */
final class LabelledFields {

    private LabelledFields() {
    }

    static void assertEveryFieldLabelled(Browser browser) {
        List<String> unlabelled = browser.all("input:not([type=hidden]), textarea, select").stream()
                .map(field -> field.getAttribute("id"))
                .filter(id -> id == null || id.isEmpty() || browser.all("label[for='" + id + "']").isEmpty())
                .toList();
        assertEquals(List.of(), unlabelled, "fields without a label for their id");
    }
}
