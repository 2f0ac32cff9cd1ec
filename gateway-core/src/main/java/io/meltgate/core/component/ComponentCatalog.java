package io.meltgate.core.component;

import java.util.Collection;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeMap;

/** Every component factory on the class path, found through {@link ServiceLoader}, by kind and type name. */
public final class ComponentCatalog {

    private final Map<ComponentKind, Map<String, ComponentFactory<?>>> byKind = new EnumMap<>(ComponentKind.class);

    private ComponentCatalog() {
        for (ComponentKind k : ComponentKind.values()) {
            byKind.put(k, new TreeMap<>());
        }
    }

    /** Loads the factories registered under {@code META-INF/services/io.meltgate.core.component.ComponentFactory}. */
    @SuppressWarnings("rawtypes")
    public static ComponentCatalog load() {
        ComponentCatalog catalog = new ComponentCatalog();
        for (ComponentFactory f : ServiceLoader.load(ComponentFactory.class)) {
            catalog.add(f);
        }
        return catalog;
    }

    /** A catalog of exactly these factories (for tests and embedding). */
    public static ComponentCatalog of(ComponentFactory<?>... factories) {
        ComponentCatalog catalog = new ComponentCatalog();
        for (ComponentFactory<?> f : factories) {
            catalog.add(f);
        }
        return catalog;
    }

    private void add(ComponentFactory<?> f) {
        ComponentFactory<?> previous = byKind.get(f.kind()).putIfAbsent(f.type(), f);
        if (previous != null && previous.getClass() != f.getClass()) {
            throw new IllegalStateException("two " + f.kind().singular() + " factories for type '" + f.type()
                    + "': " + previous.getClass().getName() + " and " + f.getClass().getName());
        }
    }

    public Optional<ComponentFactory<?>> find(ComponentKind kind, String type) {
        return Optional.ofNullable(byKind.get(kind).get(type));
    }

    /** The factories of one kind, sorted by type name. */
    public Collection<ComponentFactory<?>> all(ComponentKind kind) {
        return byKind.get(kind).values();
    }
}
