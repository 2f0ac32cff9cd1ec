package io.meltgate.processor.matching;

/** How the values of an {@code include}/{@code exclude} block are compared: exactly, or as regular expressions. */
public enum MatchType {
    STRICT, REGEXP
}
