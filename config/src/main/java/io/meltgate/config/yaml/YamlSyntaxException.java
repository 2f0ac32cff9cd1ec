package io.meltgate.config.yaml;

/** A document that is not valid YAML (or repeats a key), with where the parser stopped. */
public final class YamlSyntaxException extends Exception {

    private final Location location;

    public YamlSyntaxException(String message, Location location) {
        super(message);
        this.location = location;
    }

    public Location location() {
        return location;
    }
}
