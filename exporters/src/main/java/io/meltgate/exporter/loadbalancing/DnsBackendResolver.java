package io.meltgate.exporter.loadbalancing;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code resolver.dns}: every address of {@code hostname} (a headless service, typically) on {@code port},
 * resolved at start and every {@code interval}, each lookup bounded by {@code timeout}. A failed lookup keeps the
 * last known backends.
 */
final class DnsBackendResolver implements BackendResolver {

    private static final Logger LOG = Logger.getLogger(DnsBackendResolver.class.getName());

    /** Resolves a name to its addresses; the JDK resolver by default, replaceable in tests. */
    interface Lookup {
        InetAddress[] resolve(String hostname) throws Exception;
    }

    private final String hostname;
    private final String port;
    private final Duration interval;
    private final Duration timeout;
    private final Lookup lookup;
    private final Runnable onResolution;
    private ScheduledExecutorService scheduler;
    private List<String> last = List.of();

    DnsBackendResolver(LoadBalancingSettings.DnsResolver s, Lookup lookup, Runnable onResolution) {
        this.hostname = s.hostname();
        this.port = Integer.toString(s.port());
        this.interval = s.interval();
        this.timeout = s.timeout();
        this.lookup = lookup;
        this.onResolution = onResolution;
    }

    @Override
    public void start(Consumer<List<String>> onChange) {
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "meltgate-loadbalancing-dns");
            t.setDaemon(true);
            return t;
        });
        resolve(onChange);
        scheduler.scheduleWithFixedDelay(() -> resolve(onChange), interval.toNanos(), interval.toNanos(),
                TimeUnit.NANOSECONDS);
    }

    private void resolve(Consumer<List<String>> onChange) {
        try {
            InetAddress[] addresses = CompletableFuture.supplyAsync(() -> {
                try {
                    return lookup.resolve(hostname);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }).get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            List<String> endpoints = Arrays.stream(addresses)
                    .map(a -> BackendResolver.withPort(a.getHostAddress(), port)).distinct().sorted().toList();
            onResolution.run();
            if (!endpoints.equals(last)) {
                last = endpoints;
                onChange.accept(endpoints);
            }
        } catch (Exception e) {
            LOG.log(Level.WARNING, "loadbalancing: resolving " + hostname + " failed; keeping " + last.size()
                    + " known backends: " + e);
        }
    }

    @Override
    public void shutdown() {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }
}
