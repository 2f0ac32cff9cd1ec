package io.meltgate.config.yaml;

/** Where a YAML node starts: the source it came from (a file name) and its 1-based line and column. */
public record Location(String source, int line, int column) {

    public static final Location UNKNOWN = new Location("", 0, 0);
}
