package io.meltgate.processor.matching;

/**
 * One {@code {key, value}} entry of {@code attributes}, {@code resources}, {@code resource_attributes} or
 * {@code record_attributes}: the attribute must exist and, when {@code value} is given, equal it (strict) or,
 * as text, match it (regexp).
 */
public record AttributeMatch(String key, Object value) {
}
