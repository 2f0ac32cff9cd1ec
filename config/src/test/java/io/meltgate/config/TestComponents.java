package io.meltgate.config;

import io.meltgate.core.component.ComponentCatalog;
import io.meltgate.core.component.ComponentContext;
import io.meltgate.core.component.ComponentSettings;
import io.meltgate.core.component.Exporter;
import io.meltgate.core.component.ExporterFactory;
import io.meltgate.core.component.Extension;
import io.meltgate.core.component.ExtensionFactory;
import io.meltgate.core.component.Processor;
import io.meltgate.core.component.ProcessorFactory;
import io.meltgate.core.component.Receiver;
import io.meltgate.core.component.ReceiverFactory;
import io.meltgate.core.consumer.BatchConsumer;
import io.meltgate.core.delivery.QueueSettings;
import io.meltgate.core.delivery.RetrySettings;
import io.meltgate.core.health.HealthRegistry;
import io.meltgate.core.health.check.HealthCheckFactory;
import io.meltgate.core.signal.Signal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Factories for configuration tests, shaped like real ones (Collector-like option names, nested records,
 * the delivery engine's queue and retry settings) but building nothing: the config module never builds.
 */
public final class TestComponents {

    private TestComponents() {
    }

    /** A catalog with: receivers tracer (traces only) and anysource (all); processors pass; exporters sink (all)
     * and queued (traces, metrics; with sending_queue/retry_on_failure/timeout); extension health_check (the real one). */
    public static ComponentCatalog catalog() {
        return ComponentCatalog.of(new Tracer(), new AnySource(), new Pass(), new Sink(), new Queued(), new HealthCheckFactory());
    }

    public record Endpoint(String endpoint) {
    }

    public record ReceiverSettings(Endpoint grpc, int maxRecvMsgSizeMib) implements ComponentSettings {
        @Override
        public List<String> validate() {
            return maxRecvMsgSizeMib <= 0 ? List.of("max_recv_msg_size_mib must be positive, got " + maxRecvMsgSizeMib) : List.of();
        }
    }

    public record PassSettings(Duration timeout, int sendBatchSize) implements ComponentSettings {
    }

    public record SinkSettings(String verbosity) implements ComponentSettings {
    }

    public record QueuedSettings(String endpoint, Duration timeout, QueueSettings sendingQueue, RetrySettings retryOnFailure,
                          Map<String, String> headers) implements ComponentSettings {
        @Override
        public List<String> validate() {
            List<String> p = new ArrayList<>();
            if (endpoint == null || endpoint.isEmpty()) {
                p.add("endpoint must be set");
            }
            return p;
        }
    }

    public abstract static class BaseReceiver implements ReceiverFactory<ReceiverSettings> {
        @Override
        public Class<ReceiverSettings> settingsType() {
            return ReceiverSettings.class;
        }

        @Override
        public ReceiverSettings defaultSettings() {
            return new ReceiverSettings(new Endpoint("localhost:4317"), 4);
        }

        @Override
        public Receiver create(ComponentContext c, ReceiverSettings s, Map<Signal, BatchConsumer> next) {
            throw new UnsupportedOperationException("config tests build nothing");
        }
    }

    public static final class Tracer extends BaseReceiver {
        @Override
        public String type() {
            return "tracer";
        }

        @Override
        public Set<Signal> signals() {
            return Set.of(Signal.TRACES);
        }
    }

    public static final class AnySource extends BaseReceiver {
        @Override
        public String type() {
            return "anysource";
        }

        @Override
        public Set<Signal> signals() {
            return Set.of(Signal.TRACES, Signal.METRICS, Signal.LOGS);
        }
    }

    public static final class Pass implements ProcessorFactory<PassSettings> {
        @Override
        public String type() {
            return "pass";
        }

        @Override
        public Set<Signal> signals() {
            return Set.of(Signal.TRACES, Signal.METRICS, Signal.LOGS);
        }

        @Override
        public Class<PassSettings> settingsType() {
            return PassSettings.class;
        }

        @Override
        public PassSettings defaultSettings() {
            return new PassSettings(Duration.ofMillis(200), 8192);
        }

        @Override
        public Processor create(ComponentContext c, PassSettings s, Signal signal, BatchConsumer next) {
            throw new UnsupportedOperationException("config tests build nothing");
        }
    }

    public static final class Sink implements ExporterFactory<SinkSettings> {
        @Override
        public String type() {
            return "sink";
        }

        @Override
        public Set<Signal> signals() {
            return Set.of(Signal.TRACES, Signal.METRICS, Signal.LOGS);
        }

        @Override
        public Class<SinkSettings> settingsType() {
            return SinkSettings.class;
        }

        @Override
        public SinkSettings defaultSettings() {
            return new SinkSettings("basic");
        }

        @Override
        public Exporter create(ComponentContext c, SinkSettings s, Set<Signal> signals) {
            throw new UnsupportedOperationException("config tests build nothing");
        }
    }

    public static final class Queued implements ExporterFactory<QueuedSettings> {
        @Override
        public String type() {
            return "queued";
        }

        @Override
        public Set<Signal> signals() {
            return Set.of(Signal.TRACES, Signal.METRICS);
        }

        @Override
        public Class<QueuedSettings> settingsType() {
            return QueuedSettings.class;
        }

        @Override
        public QueuedSettings defaultSettings() {
            return new QueuedSettings("", Duration.ofSeconds(5), QueueSettings.defaults(), RetrySettings.defaults(), Map.of());
        }

        @Override
        public Exporter create(ComponentContext c, QueuedSettings s, Set<Signal> signals) {
            throw new UnsupportedOperationException("config tests build nothing");
        }
    }

    /** An extension type with no settings at all, to check that "unknown option" lists nothing wrongly. */
    public record NoSettings() implements ComponentSettings {
    }

    public static final class Noop implements ExtensionFactory<NoSettings> {
        @Override
        public String type() {
            return "noop";
        }

        @Override
        public Class<NoSettings> settingsType() {
            return NoSettings.class;
        }

        @Override
        public NoSettings defaultSettings() {
            return new NoSettings();
        }

        @Override
        public Extension create(ComponentContext c, NoSettings s, HealthRegistry h) {
            throw new UnsupportedOperationException("config tests build nothing");
        }
    }
}
