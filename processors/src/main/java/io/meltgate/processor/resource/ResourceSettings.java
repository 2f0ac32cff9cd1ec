package io.meltgate.processor.resource;

import io.meltgate.core.component.ComponentSettings;
import io.meltgate.processor.attributes.ActionSettings;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code resource} processor's options, as the Collector names them.
 *
 * @param attributes the actions (same form as the attributes processor's {@code actions}), applied in order to
 *     the resource attributes of every batch entry
 */
public record ResourceSettings(List<ActionSettings> attributes) implements ComponentSettings {

    @Override
    public List<String> validate() {
        List<String> problems = new ArrayList<>();
        if (attributes == null || attributes.isEmpty()) {
            problems.add("attributes: at least one action is required");
            return problems;
        }
        for (int i = 0; i < attributes.size(); i++) {
            problems.addAll(attributes.get(i).problems("attributes[" + i + "]"));
        }
        return problems;
    }
}
