package io.meltgate.processor.attributes;

import io.meltgate.core.component.ComponentSettings;
import io.meltgate.processor.matching.MatchProperties;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code attributes} processor's options, as the Collector names them.
 *
 * @param actions the actions, applied in order to each selected span, log record or data point
 * @param include when set, only items matching it are changed
 * @param exclude when set, items matching it are not changed
 */
public record AttributesSettings(List<ActionSettings> actions, MatchProperties include, MatchProperties exclude)
        implements ComponentSettings {

    @Override
    public List<String> validate() {
        List<String> problems = new ArrayList<>();
        if (actions == null || actions.isEmpty()) {
            problems.add("actions: at least one action is required");
            return problems;
        }
        for (int i = 0; i < actions.size(); i++) {
            problems.addAll(actions.get(i).problems("actions[" + i + "]"));
        }
        return problems;
    }
}
