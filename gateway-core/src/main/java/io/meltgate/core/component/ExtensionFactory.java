package io.meltgate.core.component;

import io.meltgate.core.health.HealthRegistry;
import io.meltgate.core.signal.Signal;
import java.util.Set;

/** Makes extensions. */
public interface ExtensionFactory<S extends ComponentSettings> extends ComponentFactory<S> {

    @Override
    default ComponentKind kind() {
        return ComponentKind.EXTENSION;
    }

    @Override
    default Set<Signal> signals() {
        return Set.of();
    }

    /** @param health the health of every component of the service, for extensions that serve it */
    Extension create(ComponentContext context, S settings, HealthRegistry health) throws Exception;
}
