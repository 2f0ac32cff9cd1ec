package io.meltgate.config.yaml;

/**
 * A YAML scalar: its text as written and the type YAML resolves it to (a quoted {@code "8080"} is a string,
 * a plain {@code 8080} an integer). {@link Kind#NULL} stands for {@code ~}, {@code null} and an empty value.
 */
public record ScalarNode(String text, Kind kind, Location location) implements YamlNode {

    /** What YAML resolved the scalar to. */
    public enum Kind { STRING, INT, FLOAT, BOOL, NULL }

    public static ScalarNode nullAt(Location location) {
        return new ScalarNode("", Kind.NULL, location);
    }

    public boolean isNull() {
        return kind == Kind.NULL;
    }

    @Override
    public String describe() {
        return switch (kind) {
            case STRING -> "a string";
            case INT -> "an integer";
            case FLOAT -> "a number";
            case BOOL -> "a boolean";
            case NULL -> "null";
        };
    }
}
