package io.meltgate.config;

import io.meltgate.config.telemetry.TelemetrySettings;
import io.meltgate.core.service.ServiceSpec;
import java.util.List;

/**
 * A configuration that passed validation: the {@link ServiceSpec} to run, the full telemetry settings (the
 * application configures its logging from them), and warnings worth logging (unset environment variables).
 */
public record LoadedConfig(ServiceSpec service, TelemetrySettings telemetry, List<String> warnings) {

    public LoadedConfig {
        warnings = List.copyOf(warnings);
    }
}
