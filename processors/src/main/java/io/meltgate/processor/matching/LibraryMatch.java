package io.meltgate.processor.matching;

/** One entry of {@code libraries}: the instrumentation scope's name and, optionally, version. */
public record LibraryMatch(String name, String version) {
}
