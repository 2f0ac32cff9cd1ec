package io.meltgate.exporter.debug;

import io.meltgate.core.component.ComponentContext;
import io.meltgate.core.component.Exporter;
import io.meltgate.core.component.ExporterFactory;
import io.meltgate.core.delivery.QueueSettings;
import io.meltgate.core.delivery.QueuedExporter;
import io.meltgate.core.delivery.RetrySettings;
import io.meltgate.core.signal.Signal;
import java.io.PrintStream;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;

/** The {@code debug} exporter: prints what reaches it to standard output, for trying pipelines out. */
public final class DebugFactory implements ExporterFactory<DebugSettings> {

    private final PrintStream out;

    public DebugFactory() {
        this(System.out);
    }

    /** For tests: print somewhere else. */
    public DebugFactory(PrintStream out) {
        this.out = out;
    }

    @Override
    public String type() {
        return "debug";
    }

    @Override
    public Set<Signal> signals() {
        return EnumSet.allOf(Signal.class);
    }

    @Override
    public Class<DebugSettings> settingsType() {
        return DebugSettings.class;
    }

    /** The Collector's defaults: basic verbosity, 2 printed per second, then every one. */
    @Override
    public DebugSettings defaultSettings() {
        return new DebugSettings(Verbosity.BASIC, 2, 1);
    }

    @Override
    public Exporter create(ComponentContext context, DebugSettings settings, Set<Signal> signals) {
        // Printing is local and cannot fail in a way a retry would fix: no queue, no retries, as the Collector's.
        QueueSettings noQueue = QueueSettings.defaults();
        noQueue = new QueueSettings(false, noQueue.numConsumers(), noQueue.queueSize(), false, noQueue.sizer(),
                null, null, false);
        RetrySettings noRetry = RetrySettings.defaults();
        noRetry = new RetrySettings(false, noRetry.initialInterval(), noRetry.maxInterval(), noRetry.maxElapsedTime(),
                noRetry.multiplier(), noRetry.randomizationFactor());
        return QueuedExporter.builder(context, new DebugPrinter(context.id().toString(), settings, out))
                .queue(noQueue).retry(noRetry).timeout(Duration.ZERO).build();
    }
}
