package org.rostersync.tenant;

import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A setting as the flat fields the audit log compares: its JSON form, each leaf under its path. A list of plain values is
 * one field ("a, b"), read as people read it; a list of objects is keyed by what names each element (a school's
 * sourcedId, a key's fingerprint), so that adding one school shows one school added, not every later index moved.
 */
final class SettingFields {

    /** The fields an element of a list is named by, in the order they are looked for. */
    private static final List<String> KEYS = List.of("sourcedId", "fingerprint", "from", "id", "name");

    private SettingFields() {
    }

    static Map<String, String> of(JsonMapper json, Object setting) {
        Map<String, String> fields = new LinkedHashMap<>();
        if (setting == null) {
            return fields;
        }
        try {
            JsonNode tree = setting instanceof JsonNode node ? node : json.writeValueToTree(setting);
            flatten("", tree, fields);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write a setting as JSON for the audit log", e);
        }
        return fields;
    }

    private static void flatten(String path, JsonNode node, Map<String, String> into) {
        if (node == null || node.isNull()) {
            if (!path.isEmpty()) {
                into.put(path, null);
            }
        } else if (node.isObject()) {
            node.entries().forEach(e -> flatten(path.isEmpty() ? e.getKey() : path + "." + e.getKey(), e.getValue(), into));
        } else if (node.isArray()) {
            List<JsonNode> values = new ArrayList<>();
            node.values().forEach(values::add);
            if (values.stream().allMatch(v -> !v.isObject() && !v.isArray())) {
                List<String> texts = values.stream().map(SettingFields::text).toList();
                into.put(path, String.join(", ", texts));
                return;
            }
            for (int i = 0; i < values.size(); i++) {
                flatten(path + "[" + key(values.get(i), i) + "]", values.get(i), into);
            }
        } else {
            into.put(path, text(node));
        }
    }

    private static String key(JsonNode element, int index) {
        if (element.isObject()) {
            for (String key : KEYS) {
                JsonNode named = element.get(key);
                if (named != null && named.isValueNode() && !named.isNull()) {
                    return text(named);
                }
            }
        }
        return Integer.toString(index);
    }

    private static String text(JsonNode node) {
        return node.isNull() ? "" : node.coerceStringValue();
    }

    /**
     * The fields that differ, in the order the setting has them (then those only the old one had). A secret field is
     * compared but never shown.
     */
    static List<FieldChange> diff(Map<String, String> before, Map<String, String> after, Set<String> secrets) {
        Set<String> paths = new LinkedHashSet<>(after.keySet());
        paths.addAll(before.keySet());
        List<FieldChange> changes = new ArrayList<>();
        for (String path : paths) {
            String was = before.get(path);
            String is = after.get(path);
            if (java.util.Objects.equals(was, is)) {
                continue;
            }
            if (secrets.contains(path)) {
                changes.add(new FieldChange(path, was == null ? "not set" : "set",
                        is == null ? "not set" : was == null ? "set" : "changed"));
            } else {
                changes.add(new FieldChange(path, was, is));
            }
        }
        return changes;
    }
}
