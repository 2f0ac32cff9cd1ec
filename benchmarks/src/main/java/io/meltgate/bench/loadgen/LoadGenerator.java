package io.meltgate.bench.loadgen;

import io.meltgate.bench.OtlpRequests;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * Sends pre-encoded OTLP export requests to a target, over gRPC or HTTP, at a fixed item rate or as fast as
 * a bounded number of requests in flight allows, for a bounded time, and reports accepted and refused items
 * per second and request latency (from the moment a request is handed to the transport to its answer).
 *
 * <p>The requests are built once, before the clock starts, from {@link io.meltgate.core.testing.OtlpFixtures}
 * (realistic resources and attributes), so sending costs the generator almost nothing but the transport.
 * Refused requests are counted and not retried: the generator measures, it does not deliver.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar io.meltgate.bench.loadgen.LoadGenerator --signal traces
 *     --batch 100 --rate 20000 --concurrency 16 --duration 30s --target 127.0.0.1:4317</pre>
 */
public final class LoadGenerator {

    private final LoadOptions options;
    private final OtlpTransport transport;
    private final byte[][] requests;
    /** Null unless --fresh-trace-ids; shared with the warm-up so that measured traces are new too. */
    private final TraceIdStamper stamper;
    private final LatencyHistogram latency = new LatencyHistogram();
    private final LongAdder requestsAccepted = new LongAdder();
    private final LongAdder requestsRefused = new LongAdder();
    private final LongAdder requestsFailed = new LongAdder();
    private final LongAdder itemsRejected = new LongAdder();
    private final Map<String, LongAdder> statuses = new ConcurrentHashMap<>();
    private final AtomicLong lastAnswerNanos = new AtomicLong();

    LoadGenerator(LoadOptions options, OtlpTransport transport) {
        this(options, transport, OtlpRequests.encoded(options.signal(), options.distinctRequests(),
                options.batchSize(), options.seed()), null);
    }

    private LoadGenerator(LoadOptions options, OtlpTransport transport, byte[][] requests, TraceIdStamper stamper) {
        this.options = options;
        this.transport = transport;
        this.requests = requests;
        this.stamper = stamper != null || !options.freshTraceIds() ? stamper : new TraceIdStamper(requests);
    }

    /** Opens the transport the options name, runs, closes it. */
    public static LoadSummary run(LoadOptions options) throws InterruptedException {
        try (OtlpTransport transport = switch (options.protocol()) {
            case GRPC -> new GrpcTransport(options.target(), options.signal(), options.connections(), options.timeout());
            case HTTP -> new HttpTransport(options.target(), options.signal(), options.timeout());
        }) {
            return new LoadGenerator(options, transport).run();
        }
    }

    /**
     * The warm-up (when asked for) with a generator of its own, whose counts are kept apart, then the
     * measured run; the JIT, the connections and the target are warm when the clock starts.
     */
    LoadSummary run() throws InterruptedException {
        long warmupAccepted = 0;
        if (!options.warmup().isZero()) {
            LoadOptions warm = new LoadOptions(options.target(), options.protocol(), options.signal(),
                    options.batchSize(), options.itemsPerSecond(), options.concurrency(), options.warmup(), 0,
                    options.timeout(), options.connections(), options.distinctRequests(), options.seed(),
                    Duration.ZERO, 0, options.freshTraceIds());
            warmupAccepted = new LoadGenerator(warm, transport, requests, stamper).measure(0).itemsAccepted();
        }
        return measure(warmupAccepted);
    }

    private LoadSummary measure(long warmupAccepted) throws InterruptedException {
        double cpuBefore = options.cpuPid() > 0 ? ProcessCpu.seconds(options.cpuPid()) : -1;
        int batch = options.batchSize();
        Semaphore inFlight = new Semaphore(options.concurrency());
        long start = System.nanoTime();
        long end = start + options.duration().toNanos();
        RatePacer pacer = new RatePacer(options.itemsPerSecond() / batch, start);
        lastAnswerNanos.set(start);
        long sent = 0;
        while (options.maxRequests() == 0 || sent < options.maxRequests()) {
            long now = System.nanoTime();
            if (now >= end) {
                break;
            }
            long wait = pacer.nanosUntilNext(now);
            if (wait > 0) {
                LockSupport.parkNanos(Math.min(wait, end - now));
                continue;
            }
            if (!inFlight.tryAcquire(end - now, TimeUnit.NANOSECONDS)) {
                break;
            }
            int index = (int) (sent % requests.length);
            byte[] body = stamper == null ? requests[index] : stamper.next(index);
            pacer.sent();
            sent++;
            long sentAt = System.nanoTime();
            try {
                transport.send(body, (outcome, rejected, status) -> {
                    long answeredAt = System.nanoTime();
                    latency.recordNanos(answeredAt - sentAt);
                    lastAnswerNanos.accumulateAndGet(answeredAt, Math::max);
                    tally(outcome, rejected, status);
                    inFlight.release();
                });
            } catch (RuntimeException e) {
                tally(OtlpTransport.Outcome.FAILED, 0, e.getClass().getSimpleName());
                inFlight.release();
            }
        }
        // Bounded drain: every request still in flight ends within its deadline.
        long drainMillis = options.timeout().toMillis() + 1000;
        boolean drained = inFlight.tryAcquire(options.concurrency(), drainMillis, TimeUnit.MILLISECONDS);
        long unanswered = drained ? 0 : options.concurrency() - inFlight.availablePermits();
        double elapsed = (lastAnswerNanos.get() - start) / 1e9;
        double cpuAfter = options.cpuPid() > 0 ? ProcessCpu.seconds(options.cpuPid()) : -1;
        double targetCpu = cpuBefore >= 0 && cpuAfter >= 0 ? cpuAfter - cpuBefore : -1;
        long accepted = requestsAccepted.sum();
        long refused = requestsRefused.sum();
        long failed = requestsFailed.sum() + unanswered;
        long rejected = itemsRejected.sum();
        Map<String, Long> statusCounts = new TreeMap<>();
        statuses.forEach((k, v) -> statusCounts.put(k, v.sum()));
        if (unanswered > 0) {
            statusCounts.put("UNANSWERED", unanswered);
        }
        return new LoadSummary(options, elapsed, sent, accepted, refused, failed, sent * batch,
                accepted * batch - rejected, rejected, refused * batch, failed * batch, pacer.skipped(),
                latency.percentileMicros(0.50), latency.percentileMicros(0.90), latency.percentileMicros(0.99),
                latency.maxMicros(), statusCounts, warmupAccepted, targetCpu);
    }

    private void tally(OtlpTransport.Outcome outcome, long rejected, String status) {
        switch (outcome) {
            case ACCEPTED -> {
                requestsAccepted.increment();
                itemsRejected.add(rejected);
            }
            case REFUSED -> requestsRefused.increment();
            case FAILED -> requestsFailed.increment();
        }
        statuses.computeIfAbsent(status, s -> new LongAdder()).increment();
    }

    public static void main(String[] args) throws Exception {
        LoadOptions options;
        try {
            options = LoadOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("loadgen: " + e.getMessage());
            System.err.print(LoadOptions.USAGE);
            System.exit(2);
            return;
        }
        LoadSummary summary = run(options);
        System.out.println(summary.toText());
        System.out.println(summary.toJson());
    }
}
