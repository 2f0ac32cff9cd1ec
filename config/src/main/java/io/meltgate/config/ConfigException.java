package io.meltgate.config;

import java.util.List;

/** A configuration that cannot run, with every problem found (not just the first). */
public final class ConfigException extends Exception {

    private final List<ConfigError> errors;
    private final boolean multipleSources;

    public ConfigException(List<ConfigError> errors, boolean multipleSources) {
        super(errors.size() + " configuration error" + (errors.size() == 1 ? "" : "s") + ":\n" + render(errors, multipleSources));
        this.errors = List.copyOf(errors);
        this.multipleSources = multipleSources;
    }

    public List<ConfigError> errors() {
        return errors;
    }

    /** One error per line, naming the file as well when the configuration came from several files. */
    public List<String> lines() {
        return errors.stream().map(e -> e.format(multipleSources)).toList();
    }

    private static String render(List<ConfigError> errors, boolean multipleSources) {
        StringBuilder b = new StringBuilder();
        for (ConfigError e : errors) {
            b.append("  ").append(e.format(multipleSources)).append('\n');
        }
        return b.toString();
    }
}
