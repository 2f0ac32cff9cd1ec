package io.meltgate.core.component;

/** The four kinds of component, named as the top-level YAML sections that hold them. */
public enum ComponentKind {
    RECEIVER("receivers"),
    PROCESSOR("processors"),
    EXPORTER("exporters"),
    EXTENSION("extensions");

    private final String section;

    ComponentKind(String section) {
        this.section = section;
    }

    /** The top-level YAML key: {@code receivers}, {@code processors}, ... */
    public String section() {
        return section;
    }

    /** The singular, lower-case, as used in metric tags and logs. */
    public String singular() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
