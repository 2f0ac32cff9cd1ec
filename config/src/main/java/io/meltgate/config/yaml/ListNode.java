package io.meltgate.config.yaml;

import java.util.List;

/** A YAML sequence. */
public record ListNode(List<YamlNode> items, Location location) implements YamlNode {

    public ListNode {
        items = List.copyOf(items);
    }

    @Override
    public String describe() {
        return "a list";
    }
}
