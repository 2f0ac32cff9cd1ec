package io.meltgate.exporter.debug;

/** How much the debug exporter prints, as in the Collector: counts, one line per item, or everything. */
public enum Verbosity {
    BASIC, NORMAL, DETAILED
}
