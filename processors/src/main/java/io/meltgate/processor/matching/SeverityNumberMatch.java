package io.meltgate.processor.matching;

/**
 * {@code log_severity_number} / {@code severity_number}: a record matches when its severity number is at least
 * {@code min} (a name such as {@code INFO}, {@code WARN2}, or a number), or when it has none and
 * {@code match_undefined} is true.
 */
public record SeverityNumberMatch(Object min, boolean matchUndefined) {
}
