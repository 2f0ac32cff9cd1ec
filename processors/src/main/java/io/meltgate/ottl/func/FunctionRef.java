package io.meltgate.ottl.func;

/** A converter named as an argument without a call, e.g. {@code SHA256} in {@code replace_pattern(..., SHA256)}. */
public record FunctionRef(String name, int column) {
}
