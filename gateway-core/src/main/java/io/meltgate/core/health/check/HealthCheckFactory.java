package io.meltgate.core.health.check;

import io.meltgate.core.component.ComponentContext;
import io.meltgate.core.component.Extension;
import io.meltgate.core.component.ExtensionFactory;
import io.meltgate.core.health.HealthRegistry;

/** The {@code health_check} extension: the health of every component as JSON over HTTP. */
public final class HealthCheckFactory implements ExtensionFactory<HealthCheckSettings> {

    @Override
    public String type() {
        return "health_check";
    }

    @Override
    public Class<HealthCheckSettings> settingsType() {
        return HealthCheckSettings.class;
    }

    @Override
    public HealthCheckSettings defaultSettings() {
        return HealthCheckSettings.defaults();
    }

    @Override
    public Extension create(ComponentContext context, HealthCheckSettings settings, HealthRegistry health) {
        return new HealthCheckExtension(settings, health);
    }
}
