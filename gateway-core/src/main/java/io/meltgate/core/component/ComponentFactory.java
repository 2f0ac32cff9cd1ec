package io.meltgate.core.component;

import io.meltgate.core.signal.Signal;
import java.util.Set;

/**
 * Makes components of one type. Found through {@link java.util.ServiceLoader} by its YAML type name, so a new
 * component touches only its own package and one services file. The defaults of every option live here,
 * in {@link #defaultSettings()}, once.
 *
 * @param <S> the settings record bound from the component's YAML section
 */
public interface ComponentFactory<S extends ComponentSettings> {

    /** The type name in the YAML: {@code otlp}, {@code batch}, {@code debug}, ... */
    String type();

    ComponentKind kind();

    /** The signals the type supports; a pipeline of another signal that lists it fails validation. */
    Set<Signal> signals();

    Class<S> settingsType();

    /** The settings an empty or absent YAML section means. */
    S defaultSettings();
}
