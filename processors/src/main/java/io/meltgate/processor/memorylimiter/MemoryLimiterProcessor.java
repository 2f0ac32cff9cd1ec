package io.meltgate.processor.memorylimiter;

import io.meltgate.core.component.ComponentContext;
import io.meltgate.core.component.Processor;
import io.meltgate.core.consumer.BatchConsumer;
import io.meltgate.core.consumer.ConsumeException;
import io.meltgate.core.data.Batch;
import io.meltgate.core.health.HealthStatus;
import io.meltgate.core.pipeline.AdmissionControl;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.logging.Logger;

/**
 * Measures the heap every {@code check_interval} and, while it is above the soft limit, makes the pipeline
 * refuse new data at the receivers (see {@link AdmissionControl}); above the hard limit it also asks for a
 * garbage collection, no more often than {@code min_gc_interval_when_hard_limited}.
 *
 * <p>The Collector's memory_limiter refuses inside the pipeline; here the pipeline runs after the receivers
 * acknowledged the data, so refusing there would lose it. The decision is therefore taken at admission, where
 * the refusal tells the sender to retry. On the pipeline thread this processor only passes batches on.
 *
 * <p>Heap "used" counts garbage too; the soft limit is judged on what the last collection left (the live set),
 * so a young generation full of garbage does not cause refusals; the hard limit on what is used now.
 */
final class MemoryLimiterProcessor implements Processor, AdmissionControl {

    private static final Logger LOG = Logger.getLogger(MemoryLimiterProcessor.class.getName());

    private final ComponentContext context;
    private final HeapLimits limits;
    private final MemoryLimiterSettings settings;
    private final BatchConsumer next;
    private final LongSupplier usedNow;
    private final LongSupplier liveAfterGc;
    private ScheduledExecutorService timer;
    private volatile String refusal;
    private long lastGcNanos;

    MemoryLimiterProcessor(ComponentContext context, HeapLimits limits, MemoryLimiterSettings settings,
                           BatchConsumer next) {
        this(context, limits, settings, next, MemoryLimiterProcessor::heapUsed, MemoryLimiterProcessor::heapLiveAfterGc);
    }

    MemoryLimiterProcessor(ComponentContext context, HeapLimits limits, MemoryLimiterSettings settings,
                           BatchConsumer next, LongSupplier usedNow, LongSupplier liveAfterGc) {
        this.context = context;
        this.limits = limits;
        this.settings = settings;
        this.next = next;
        this.usedNow = usedNow;
        this.liveAfterGc = liveAfterGc;
    }

    /** It looks at the heap, not at the data. */
    @Override
    public boolean readsItems() {
        return false;
    }

    @Override
    public void start() {
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "meltgate-memory-limiter-" + context.id());
            t.setDaemon(true);
            return t;
        });
        long every = settings.checkInterval().toNanos();
        timer.scheduleAtFixedRate(this::check, every, every, TimeUnit.NANOSECONDS);
    }

    /** One measurement; package-private so tests can drive it without the timer. */
    void check() {
        long used = usedNow.getAsLong();
        long live = liveAfterGc.getAsLong();
        String why = null;
        if (used >= limits.hardBytes()) {
            long now = System.nanoTime();
            if (now - lastGcNanos >= settings.minGcIntervalWhenHardLimited().toNanos()) {
                lastGcNanos = now;
                System.gc();
                used = usedNow.getAsLong();
                live = liveAfterGc.getAsLong();
            }
            if (used >= limits.hardBytes()) {
                why = "heap " + mib(used) + " MiB is above the hard limit of " + mib(limits.hardBytes()) + " MiB";
            }
        }
        if (why == null && live >= limits.softBytes()) {
            why = "live heap " + mib(live) + " MiB is above the soft limit of " + mib(limits.softBytes()) + " MiB";
        }
        if ((why == null) != (refusal == null)) {
            if (why != null) {
                LOG.warning("memory_limiter " + context.id() + ": refusing data: " + why);
                context.health().report(HealthStatus.DEGRADED, why);
            } else {
                LOG.info("memory_limiter " + context.id() + ": memory usage back within limits, accepting data again");
                context.health().healthy();
            }
        }
        refusal = why;
    }

    @Override
    public Optional<String> refusal() {
        return Optional.ofNullable(refusal);
    }

    @Override
    public void consume(Batch batch) throws ConsumeException {
        next.consume(batch);
    }

    @Override
    public void shutdown() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    private static long mib(long bytes) {
        return bytes / (1024 * 1024);
    }

    private static long heapUsed() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static long heapLiveAfterGc() {
        long live = 0;
        List<MemoryPoolMXBean> pools = ManagementFactory.getMemoryPoolMXBeans();
        for (MemoryPoolMXBean pool : pools) {
            if (pool.getType() == MemoryType.HEAP) {
                MemoryUsage after = pool.getCollectionUsage();
                live += after != null ? after.getUsed() : pool.getUsage().getUsed();
            }
        }
        return live;
    }
}
