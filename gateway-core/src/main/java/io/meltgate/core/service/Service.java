package io.meltgate.core.service;

import io.meltgate.core.component.Component;
import io.meltgate.core.component.ComponentContext;
import io.meltgate.core.component.ComponentId;
import io.meltgate.core.component.ComponentKind;
import io.meltgate.core.component.ComponentSettings;
import io.meltgate.core.component.Exporter;
import io.meltgate.core.component.ExporterFactory;
import io.meltgate.core.component.Extension;
import io.meltgate.core.component.ExtensionFactory;
import io.meltgate.core.component.ListeningComponent;
import io.meltgate.core.component.ListeningComponent.Endpoint;
import io.meltgate.core.component.Processor;
import io.meltgate.core.component.ProcessorFactory;
import io.meltgate.core.component.Receiver;
import io.meltgate.core.component.ReceiverFactory;
import io.meltgate.core.consumer.BatchConsumer;
import io.meltgate.core.consumer.FanOutConsumer;
import io.meltgate.core.health.HealthRegistry;
import io.meltgate.core.pipeline.Pipeline;
import io.meltgate.core.pipeline.RingPublisher;
import io.meltgate.core.signal.Signal;
import io.meltgate.core.telemetry.MetricsServer;
import io.meltgate.core.telemetry.ProcessMetrics;
import io.meltgate.core.telemetry.SelfTelemetry;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A running gateway: builds every component a {@link ServiceSpec} uses, wires receivers to the rings of their
 * pipelines and pipelines to their exporters, starts them in the order data flows backwards (extensions,
 * exporters, pipelines, receivers) and stops them in the reverse order, draining on the way.
 */
public final class Service {

    private static final Logger LOG = Logger.getLogger(Service.class.getName());

    private final ServiceSpec spec;
    private final SelfTelemetry telemetry;
    private final HealthRegistry health = new HealthRegistry();
    private final Map<ComponentId, Extension> extensions = new LinkedHashMap<>();
    private final Map<ComponentId, Exporter> exporters = new LinkedHashMap<>();
    private final List<Pipeline> pipelines = new ArrayList<>();
    private final Map<ComponentId, Receiver> receivers = new LinkedHashMap<>();
    private final List<Runnable> stopActions = new ArrayList<>();
    private MetricsServer metricsServer;
    private boolean stopped;

    private Service(ServiceSpec spec) {
        this.spec = spec;
        this.telemetry = spec.telemetry().metricsEnabled() ? SelfTelemetry.prometheus() : SelfTelemetry.disabled();
    }

    /** Builds every component (nothing listens or runs yet). */
    public static Service build(ServiceSpec spec) throws Exception {
        Service s = new Service(spec);
        s.buildAll();
        return s;
    }

    private void buildAll() throws Exception {
        ProcessMetrics.register(telemetry.registry());
        for (ComponentId id : spec.enabledExtensions()) {
            ComponentSpec c = spec.extensions().get(id);
            extensions.put(id, extensionFactory(c).create(context(ComponentKind.EXTENSION, id), c.settings(), health));
        }
        Map<ComponentId, Set<Signal>> exporterSignals = new LinkedHashMap<>();
        for (PipelineSpec p : spec.pipelines()) {
            for (ComponentId e : p.exporters()) {
                exporterSignals.computeIfAbsent(e, k -> EnumSet.noneOf(Signal.class)).add(p.id().signal());
            }
        }
        for (var e : exporterSignals.entrySet()) {
            ComponentSpec c = spec.exporters().get(e.getKey());
            exporters.put(e.getKey(), exporterFactory(c).create(context(ComponentKind.EXPORTER, e.getKey()),
                    c.settings(), Set.copyOf(e.getValue())));
        }
        Map<ComponentId, Map<Signal, List<Pipeline>>> fedBy = new LinkedHashMap<>();
        for (PipelineSpec p : spec.pipelines()) {
            Pipeline pipeline = buildPipeline(p);
            pipelines.add(pipeline);
            for (ComponentId r : p.receivers()) {
                fedBy.computeIfAbsent(r, k -> new EnumMap<>(Signal.class))
                        .computeIfAbsent(p.id().signal(), k -> new ArrayList<>()).add(pipeline);
            }
        }
        for (var r : fedBy.entrySet()) {
            ComponentSpec c = spec.receivers().get(r.getKey());
            Map<Signal, BatchConsumer> next = new EnumMap<>(Signal.class);
            r.getValue().forEach((signal, ps) -> next.put(signal, new RingPublisher(ps)));
            receivers.put(r.getKey(), receiverFactory(c).create(context(ComponentKind.RECEIVER, r.getKey()),
                    c.settings(), Map.copyOf(next)));
        }
    }

    private Pipeline buildPipeline(PipelineSpec p) throws Exception {
        List<BatchConsumer> outs = new ArrayList<>();
        for (ComponentId e : p.exporters()) {
            outs.add(exporters.get(e));
        }
        BatchConsumer next = FanOutConsumer.of(outs);
        List<Processor> chain = new ArrayList<>();
        for (int i = p.processors().size() - 1; i >= 0; i--) {
            ComponentId id = p.processors().get(i);
            ComponentSpec c = spec.processors().get(id);
            Processor proc = processorFactory(c).create(context(ComponentKind.PROCESSOR, id), c.settings(),
                    p.id().signal(), next);
            chain.add(0, proc);
            next = proc;
        }
        boolean exportersRead = p.exporters().stream().anyMatch(e -> exporters.get(e).readsItemsOnConsume());
        return new Pipeline(p.id(), p.ringSize(), chain, next, exportersRead, telemetry.registry());
    }

    private ComponentContext context(ComponentKind kind, ComponentId id) {
        return new ComponentContext(id, kind, telemetry.registry(), health.register(kind, id));
    }

    /** Starts everything, from the back of the data path to the front. On failure stops what started and throws. */
    public void start() throws Exception {
        try {
            if (telemetry.enabled()) {
                metricsServer = MetricsServer.start(telemetry, spec.telemetry().metricsHost(), spec.telemetry().metricsPort());
                stopActions.add(metricsServer::close);
            }
            startAll(ComponentKind.EXTENSION, extensions);
            startAll(ComponentKind.EXPORTER, exporters);
            for (int i = 0; i < pipelines.size(); i++) {
                Pipeline p = pipelines.get(i);
                p.start();
                Duration timeout = spec.shutdownTimeout();
                stopActions.add(() -> p.drainAndStop(timeout));
                // The pipeline started its processors: without this they stay UNKNOWN and health_check never says 200.
                for (ComponentId processor : spec.pipelines().get(i).processors()) {
                    health.startedIfUnknown(ComponentKind.PROCESSOR, processor);
                }
            }
            startAll(ComponentKind.RECEIVER, receivers);
        } catch (Exception e) {
            stop();
            throw e;
        }
        logStarted();
    }

    private void startAll(ComponentKind kind, Map<ComponentId, ? extends Component> components) throws Exception {
        for (var e : components.entrySet()) {
            try {
                e.getValue().start();
            } catch (Exception ex) {
                throw new IllegalStateException("cannot start " + kind.singular() + " " + e.getKey() + ": "
                        + ex.getMessage(), ex);
            }
            stopActions.add(e.getValue()::shutdown);
            health.startedIfUnknown(kind, e.getKey());
        }
    }

    /**
     * Graceful stop: receivers stop taking requests, rings drain, processors flush, exporters deliver what they
     * queued, extensions and the metrics endpoint close. Idempotent.
     */
    public synchronized void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        for (int i = stopActions.size() - 1; i >= 0; i--) {
            try {
                stopActions.get(i).run();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "error while stopping", e);
            }
        }
        LOG.info("meltgate stopped");
    }

    private void logStarted() {
        for (PipelineSpec p : spec.pipelines()) {
            LOG.info("pipeline " + p.id() + " ready: receivers=" + p.receivers() + " processors=" + p.processors()
                    + " exporters=" + p.exporters() + " ring_size=" + p.ringSize());
        }
        endpoints().forEach((id, eps) -> LOG.info(id + " listening on " + eps));
        metricsAddress().ifPresent(a -> LOG.info("self-metrics on http://" + a.getHostString() + ":" + a.getPort() + "/metrics"));
        LOG.info("meltgate is ready");
    }

    /** Where each listening receiver and extension is, by id (real ports when configured with port 0). */
    public Map<ComponentId, List<Endpoint>> endpoints() {
        Map<ComponentId, List<Endpoint>> out = new LinkedHashMap<>();
        receivers.forEach((id, r) -> {
            if (r instanceof ListeningComponent l) {
                out.put(id, l.endpoints());
            }
        });
        extensions.forEach((id, x) -> {
            if (x instanceof ListeningComponent l) {
                out.put(id, l.endpoints());
            }
        });
        return out;
    }

    /** The first address a component listens on for a transport ({@code grpc}, {@code http}, ...). */
    public Optional<InetSocketAddress> endpoint(ComponentId id, String transport) {
        return endpoints().getOrDefault(id, List.of()).stream()
                .filter(e -> e.transport().equals(transport)).map(Endpoint::address).findFirst();
    }

    public Optional<InetSocketAddress> metricsAddress() {
        return Optional.ofNullable(metricsServer).map(MetricsServer::address);
    }

    public HealthRegistry health() {
        return health;
    }

    public SelfTelemetry telemetry() {
        return telemetry;
    }

    public Optional<Exporter> exporter(ComponentId id) {
        return Optional.ofNullable(exporters.get(id));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static ExtensionFactory<ComponentSettings> extensionFactory(ComponentSpec c) {
        return (ExtensionFactory) c.factory();
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static ExporterFactory<ComponentSettings> exporterFactory(ComponentSpec c) {
        return (ExporterFactory) c.factory();
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static ProcessorFactory<ComponentSettings> processorFactory(ComponentSpec c) {
        return (ProcessorFactory) c.factory();
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static ReceiverFactory<ComponentSettings> receiverFactory(ComponentSpec c) {
        return (ReceiverFactory) c.factory();
    }
}
