package io.meltgate.exporter.loadbalancing;

import io.meltgate.core.component.ComponentContext;
import io.meltgate.core.component.Exporter;
import io.meltgate.core.consumer.ConsumeException;
import io.meltgate.core.data.Batch;
import io.meltgate.core.signal.Signal;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The {@code loadbalancing} exporter: routes each item to one backend of a consistent-hash ring by its routing
 * key (every span of a trace to the same backend, by default), through one exporter per backend (each with its
 * own sending queue and retries).
 *
 * <p>Membership changes at run time: new backends are built and started before they join the ring; a removed
 * backend leaves the ring first, and is then shut down, which delivers everything already in its queue. A
 * read-write lock makes sure no batch is still being handed to a backend when it is shut down.
 */
public final class LoadBalancingExporter implements Exporter {

    private static final Logger LOG = Logger.getLogger(LoadBalancingExporter.class.getName());

    /** Builds the exporter of one backend, {@code host:port}. */
    public interface BackendFactory {
        Exporter create(String endpoint) throws Exception;
    }

    private final ComponentContext context;
    private final Map<Signal, RoutingKey> routingKeys = new EnumMap<>(Signal.class);
    private final BackendResolver resolver;
    private final BackendFactory backendFactory;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final Object membershipChange = new Object();
    private final Counter resolutions;
    private HashRing ring = new HashRing(List.of());
    private Map<String, Exporter> backends = Map.of();
    private volatile boolean stopped;

    LoadBalancingExporter(ComponentContext context, String routingKey, java.util.Set<Signal> signals,
                          BackendResolver resolver, BackendFactory backendFactory) {
        this.context = context;
        for (Signal s : signals) {
            RoutingKey k = RoutingKey.of(routingKey, s);
            if (!k.signals.contains(s)) {
                throw new IllegalArgumentException(context.id() + ": routing_key " + k.yamlName + " does not apply to "
                        + s.name().toLowerCase(java.util.Locale.ROOT));
            }
            routingKeys.put(s, k);
        }
        this.resolver = resolver;
        this.backendFactory = backendFactory;
        this.resolutions = Counter.builder("otelcol_loadbalancer_num_resolutions")
                .description("Number of resolutions performed").tags(context.tags()).tag("success", "true")
                .register(context.meters());
        Gauge.builder("otelcol_loadbalancer_num_backends", this, e -> e.currentBackends().size())
                .description("Current number of backends in use").tags(context.tags()).register(context.meters());
    }

    Runnable resolutionCounter() {
        return resolutions::increment;
    }

    /** The backends currently in the ring. */
    public List<String> currentBackends() {
        lock.readLock().lock();
        try {
            return ring.endpoints();
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public void start() throws Exception {
        resolver.start(this::updateBackends);
    }

    /**
     * Replaces the backends with this full list ({@code host:port}), as the resolver does when its answer changes:
     * new backends join after they started, removed ones leave and then deliver what their queues hold.
     */
    public void updateBackends(List<String> endpoints) {
        synchronized (membershipChange) {
            if (stopped) {
                return;
            }
            Map<String, Exporter> current = backends;
            Map<String, Exporter> next = new HashMap<>();
            List<Exporter> removed = new ArrayList<>();
            for (String ep : endpoints) {
                Exporter e = current.get(ep);
                if (e == null) {
                    try {
                        e = backendFactory.create(ep);
                        e.start();
                    } catch (Exception ex) {
                        LOG.log(Level.WARNING, context.id() + ": could not start backend " + ep + "; left out", ex);
                        continue;
                    }
                }
                next.put(ep, e);
            }
            current.forEach((ep, e) -> {
                if (!next.containsKey(ep)) {
                    removed.add(e);
                }
            });
            HashRing nextRing = new HashRing(new ArrayList<>(next.keySet()));
            lock.writeLock().lock();
            try {
                ring = nextRing;
                backends = Map.copyOf(next);
            } finally {
                lock.writeLock().unlock();
            }
            // No consume holds the old ring any more: drain and close what left it.
            for (Exporter e : removed) {
                e.shutdown();
            }
            LOG.info(context.id() + ": backends now " + nextRing.endpoints());
        }
    }

    /** Routing by trace id (or service, resource, ...) reads every item as the batch is taken. */
    @Override
    public boolean readsItemsOnConsume() {
        return true;
    }

    @Override
    public void consume(Batch batch) throws ConsumeException {
        if (batch.isEmpty()) {
            return;
        }
        lock.readLock().lock();
        try {
            if (ring.isEmpty()) {
                throw ConsumeException.retryable(context.id() + ": no backend available yet", Duration.ofSeconds(1));
            }
            Map<String, Batch> parts = BatchRouter.route(batch, routingKeys.getOrDefault(batch.signal(),
                    RoutingKey.of("", batch.signal())), ring);
            ConsumeException first = null;
            for (Map.Entry<String, Batch> part : parts.entrySet()) {
                try {
                    backends.get(part.getKey()).consume(part.getValue());
                } catch (ConsumeException e) {
                    if (first == null) {
                        first = e;
                    }
                }
            }
            if (first != null) {
                throw first;
            }
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Stops resolving, then shuts every backend down, delivering what their queues hold. */
    @Override
    public void shutdown() {
        resolver.shutdown();
        synchronized (membershipChange) {
            stopped = true;
            Map<String, Exporter> all;
            lock.writeLock().lock();
            try {
                all = backends;
                backends = Map.of();
                ring = new HashRing(List.of());
            } finally {
                lock.writeLock().unlock();
            }
            all.values().forEach(Exporter::shutdown);
        }
    }
}
