package io.meltgate.config.yaml;

/**
 * A node of a parsed YAML document that remembers where it was written, so every configuration error can
 * name its line. Mappings keep their key order; scalars keep their text and what YAML resolved them to.
 */
public sealed interface YamlNode permits MapNode, ListNode, ScalarNode {

    Location location();

    /** A word for error messages: {@code a mapping}, {@code a list}, {@code a string}, ... */
    String describe();
}
