package io.meltgate.core.component;

import io.meltgate.core.signal.Signal;
import java.util.Set;

/** Makes exporters. One instance per id serves every pipeline that lists it. */
public interface ExporterFactory<S extends ComponentSettings> extends ComponentFactory<S> {

    @Override
    default ComponentKind kind() {
        return ComponentKind.EXPORTER;
    }

    /** @param signals the signals of the pipelines that list this exporter */
    Exporter create(ComponentContext context, S settings, Set<Signal> signals) throws Exception;
}
