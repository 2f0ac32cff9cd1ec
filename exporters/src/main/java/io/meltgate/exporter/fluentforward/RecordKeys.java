package io.meltgate.exporter.fluentforward;

import java.util.List;

/**
 * The record keys the exporter writes besides the attributes: the "default labels" that
 * {@code default_labels_enabled} can turn off one by one. The fluentforward receiver reads them back.
 */
public final class RecordKeys {

    public static final String MESSAGE = "message";
    public static final String SEVERITY = "severity";
    public static final String SEVERITY_NUMBER = "severity_number";
    public static final String TRACE_ID = "trace_id";
    public static final String SPAN_ID = "span_id";
    public static final String TRACE_FLAGS = "trace_flags";
    public static final String EVENT_NAME = "event_name";
    public static final String OBSERVED_TIME = "observed_time_unix_nano";
    /** Not a record key: turns off writing the resource's attributes into each record. */
    public static final String RESOURCE = "resource";

    /** The log record attribute that, when present, gives the event's tag instead of the {@code tag} option. */
    public static final String TAG_ATTRIBUTE = "fluent.tag";

    /** The option key of the meltgate hint: what a meltgate receiver needs to rebuild the exact log records. */
    public static final String HINT_OPTION = "meltgate";

    public static final List<String> DEFAULT_LABELS = List.of(MESSAGE, SEVERITY, SEVERITY_NUMBER, TRACE_ID, SPAN_ID,
            TRACE_FLAGS, EVENT_NAME, OBSERVED_TIME, RESOURCE);

    private RecordKeys() {
    }
}
