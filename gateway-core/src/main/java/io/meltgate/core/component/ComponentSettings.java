package io.meltgate.core.component;

import java.util.List;

/**
 * A component's settings: an immutable record bound from its YAML section. The binder maps each record
 * component to the snake_case key of the same name ({@code sendBatchSize} to {@code send_batch_size}),
 * or to the key named by {@link YamlKey}.
 */
public interface ComponentSettings {

    /** Every problem with these settings, each a sentence naming the option; empty when they are valid. */
    default List<String> validate() {
        return List.of();
    }
}
