package org.rostersync.console;

import org.rostersync.tenant.InvalidSettingException;
import org.rostersync.tenant.SchoolMapping;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The schools form as sent: one row per school, {@code school.{n}.sourcedId} (hidden), {@code .included},
 * {@code .displayName} and {@code .forget}, where {@code n} is the school's position in the stored mapping (so ids with
 * any characters stay out of field names, and saving keeps the stored order); and a row to add a school by hand
 * ({@code add.sourcedId}, {@code add.displayName}), as the admin API's PUT can.
 *
 * @param chosenMode the mode chosen, null when the form sent none that exists
 * @param entries    what to save, in the order {@link SchoolMapping#withEntries} checks them
 * @param fields     per entry, the form row it came from ({@code school.3}, {@code add}), for putting an error next to it
 */
record SchoolMappingForm(SchoolMapping.Mode chosenMode, List<SchoolMapping.Entry> entries, List<String> fields) {

    SchoolMappingForm {
        entries = List.copyOf(entries);
        fields = java.util.Collections.unmodifiableList(new ArrayList<>(fields)); // null: a kept school, in no row
    }

    static final String ADD = "add";
    private static final Pattern ROW = Pattern.compile("school\\.(\\d{1,6})\\.sourcedId");
    private static final Pattern CHECKED = Pattern.compile("schools\\[(\\d+)]\\.(\\w+)");

    /**
     * Schools the stored mapping knows but the form did not send are kept as they are: a run may have added one
     * since the page was shown, and only a ticked "forget" box forgets a school.
     */
    static SchoolMappingForm read(Map<String, String> form, SchoolMapping current) {
        TreeSet<Integer> rows = new TreeSet<>();
        for (String field : form.keySet()) {
            Matcher m = ROW.matcher(field);
            if (m.matches()) {
                rows.add(Integer.parseInt(m.group(1)));
            }
        }
        List<SchoolMapping.Entry> entries = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        Set<String> sent = new HashSet<>();
        for (int row : rows) {
            String prefix = "school." + row;
            String sourcedId = form.get(prefix + ".sourcedId");
            sent.add(sourcedId);
            if (!Forms.ticked(form, prefix + ".forget")) {
                entries.add(new SchoolMapping.Entry(sourcedId, Forms.ticked(form, prefix + ".included"),
                        form.get(prefix + ".displayName")));
                fields.add(prefix);
            }
        }
        for (SchoolMapping.School school : current.schools()) {
            if (!sent.contains(school.sourcedId())) {
                entries.add(new SchoolMapping.Entry(school.sourcedId(), school.included(), school.displayName()));
                fields.add(null);
            }
        }
        String added = Forms.text(form, ADD + ".sourcedId");
        if (added != null) {
            entries.add(new SchoolMapping.Entry(added, true, form.get(ADD + ".displayName")));
            fields.add(ADD);
        }
        return new SchoolMappingForm(mode(form.get("mode")), entries, fields);
    }

    /** @throws InvalidSettingException on the mode field when it is not one of the modes */
    SchoolMapping.Mode mode() {
        if (chosenMode == null) {
            throw new InvalidSettingException("mode", "Choose auto or explicit.");
        }
        return chosenMode;
    }

    /** The form field of a check's field: {@code schools[3].displayName} is the display name of the entry's row. */
    String formField(String checkField) {
        Matcher m = CHECKED.matcher(checkField);
        if (m.matches()) {
            String row = fields.get(Integer.parseInt(m.group(1)));
            if (row != null) {
                return row + "." + m.group(2);
            }
        }
        return checkField;
    }

    private static SchoolMapping.Mode mode(String sent) {
        for (SchoolMapping.Mode mode : SchoolMapping.Mode.values()) {
            if (mode.name().equals(sent)) {
                return mode;
            }
        }
        return null;
    }
}
