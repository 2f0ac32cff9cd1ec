package io.meltgate.ottl;

/**
 * What a component does when an OTTL condition or statement fails on an item, as the Collector defines
 * {@code error_mode}.
 */
public enum ErrorMode {
    /** The error is returned up the pipeline: the whole batch is refused (and counted as lost by the pipeline). */
    PROPAGATE,
    /** The error is logged and the failing condition or statement is skipped for that item; processing goes on. */
    IGNORE,
    /** Like {@link #IGNORE} without the log line. */
    SILENT
}
