package io.meltgate.config.yaml;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** A YAML mapping: string keys in document order, each with the location of the key itself. */
public record MapNode(Map<String, Entry> entries, Location location) implements YamlNode {

    /** One key of a mapping, where the key is written, and its value. */
    public record Entry(String key, Location keyLocation, YamlNode value) {
    }

    public MapNode {
        entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
    }

    public static MapNode empty(Location location) {
        return new MapNode(Map.of(), location);
    }

    public YamlNode get(String key) {
        Entry e = entries.get(key);
        return e == null ? null : e.value();
    }

    public boolean has(String key) {
        return entries.containsKey(key);
    }

    @Override
    public String describe() {
        return "a mapping";
    }
}
