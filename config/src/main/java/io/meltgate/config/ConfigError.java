package io.meltgate.config;

import io.meltgate.config.yaml.Location;

/**
 * One problem in a configuration: the YAML path of the offending value ({@code exporters::otlp/backend::timeout}),
 * where it is written, and what is wrong.
 */
public record ConfigError(String path, Location location, String message) {

    /** {@code exporters::otlp/backend::timeout (line 12): ...}; names the file too when {@code withSource}. */
    public String format(boolean withSource) {
        StringBuilder b = new StringBuilder();
        if (path.isEmpty()) {
            // A whole-document problem (syntax, unreadable file): name the document instead of a path.
            b.append(location == null || location.source().isEmpty() ? "configuration" : location.source());
            if (location != null && location.line() > 0) {
                b.append(" (line ").append(location.line()).append(')');
            }
            return b.append(": ").append(message).toString();
        }
        b.append(path);
        if (location != null && location.line() > 0) {
            b.append(" (line ").append(location.line());
            if (withSource && !location.source().isEmpty()) {
                b.append(" of ").append(location.source());
            }
            b.append(')');
        } else if (withSource && location != null && !location.source().isEmpty()) {
            b.append(" (").append(location.source()).append(')');
        }
        return b.append(": ").append(message).toString();
    }

    @Override
    public String toString() {
        return format(false);
    }
}
