package io.meltgate.core.service;

import io.meltgate.core.component.ComponentFactory;
import io.meltgate.core.component.ComponentId;
import io.meltgate.core.component.ComponentSettings;

/** One configured component: its id, the factory its type names, and its validated settings. */
public record ComponentSpec(ComponentId id, ComponentFactory<?> factory, ComponentSettings settings) {
}
