package io.meltgate.config;

import io.meltgate.config.yaml.Location;
import io.meltgate.config.yaml.YamlNode;
import java.util.ArrayList;
import java.util.List;

/** Collects every configuration error on the way, so the user sees them all at once. */
public final class Problems {

    private final List<ConfigError> errors = new ArrayList<>();

    public void add(String path, Location location, String message) {
        errors.add(new ConfigError(path, location, message));
    }

    public void add(String path, YamlNode node, String message) {
        add(path, node == null ? null : node.location(), message);
    }

    public boolean isEmpty() {
        return errors.isEmpty();
    }

    public int size() {
        return errors.size();
    }

    public List<ConfigError> errors() {
        return List.copyOf(errors);
    }

    /** {@code parent::key}, or {@code key} at the root. */
    public static String child(String parent, String key) {
        return parent.isEmpty() ? key : parent + "::" + key;
    }
}
