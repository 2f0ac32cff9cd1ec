package io.meltgate.core.component;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A component's id as written in the YAML: {@code type} or {@code type/name} ({@code otlp},
 * {@code otlp/backend}). The type selects the factory; the name tells instances of one type apart.
 */
public record ComponentId(String type, String name) {

    private static final Pattern TYPE = Pattern.compile("[a-zA-Z][0-9a-zA-Z_]{0,62}");

    public ComponentId {
        if (type == null || !TYPE.matcher(type).matches()) {
            throw new IllegalArgumentException("invalid component type '" + type
                    + "': it must start with a letter and hold only letters, digits and '_'");
        }
        name = name == null ? "" : name;
        if (name.contains("/") || name.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("invalid component name '" + name + "': no '/' or spaces");
        }
    }

    public static ComponentId of(String type) {
        return new ComponentId(type, "");
    }

    /** Parses {@code type} or {@code type/name}; throws IllegalArgumentException with the reason. */
    public static ComponentId parse(String id) {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("empty component id");
        }
        int slash = id.indexOf('/');
        if (slash < 0) {
            return new ComponentId(id.trim(), "");
        }
        String name = id.substring(slash + 1).trim();
        if (name.isEmpty()) {
            throw new IllegalArgumentException("invalid component id '" + id + "': empty name after '/'");
        }
        return new ComponentId(id.substring(0, slash).trim(), name);
    }

    public Optional<String> optionalName() {
        return name.isEmpty() ? Optional.empty() : Optional.of(name);
    }

    @Override
    public String toString() {
        return name.isEmpty() ? type : type + "/" + name;
    }
}
