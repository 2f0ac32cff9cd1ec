package io.meltgate.bench.loadgen;

import io.meltgate.bench.Durations;
import io.meltgate.core.signal.Signal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What the load generator does, from its command line ({@code --name value}); see {@link #USAGE}.
 *
 * @param itemsPerSecond the offered rate in items per second; 0 for as fast as the in-flight limit allows
 * @param maxRequests stop after this many requests even before the duration ends; 0 for no limit
 * @param warmup sent first with the same settings and left out of every number but the warm-up count
 * @param cpuPid a process whose CPU time over the measured window is reported (the gateway); 0 for none
 * @param freshTraceIds give every request sent new trace ids (traces only; see {@link TraceIdStamper})
 */
public record LoadOptions(String target, Protocol protocol, Signal signal, int batchSize, double itemsPerSecond,
                          int concurrency, Duration duration, long maxRequests, Duration timeout, int connections,
                          int distinctRequests, long seed, Duration warmup, long cpuPid, boolean freshTraceIds) {

    /** Without fresh trace ids: requests are cycled through as encoded. */
    public LoadOptions(String target, Protocol protocol, Signal signal, int batchSize, double itemsPerSecond,
                       int concurrency, Duration duration, long maxRequests, Duration timeout, int connections,
                       int distinctRequests, long seed, Duration warmup, long cpuPid) {
        this(target, protocol, signal, batchSize, itemsPerSecond, concurrency, duration, maxRequests, timeout,
                connections, distinctRequests, seed, warmup, cpuPid, false);
    }

    public enum Protocol { GRPC, HTTP }

    public static final String USAGE = """
            usage: LoadGenerator [options]
              --target HOST:PORT      where to send (default 127.0.0.1:4317; 127.0.0.1:4318 with --protocol http)
              --protocol grpc|http    OTLP/gRPC or OTLP/HTTP with protobuf bodies (default grpc)
              --signal traces|metrics|logs   (default traces)
              --batch N               items per request (default 100)
              --rate N                offered items per second; 0 = as fast as --concurrency allows (default 0)
              --concurrency N         requests in flight at most (default 8)
              --duration D            how long to send, e.g. 10s, 500ms, 2m (default 10s)
              --requests N            stop after N requests (default 0 = no limit)
              --timeout D             per-request deadline (default 5s)
              --connections N         gRPC connections used in turn (default 1)
              --distinct N            distinct pre-encoded requests cycled through (default 64)
              --seed N                seed of the generated data (default 1)
              --warmup D              send this long first, left out of the numbers (default 0s)
              --cpu-pid PID           report the CPU seconds this process used while measuring (Linux /proc)
              --fresh-trace-ids true  new trace ids in every request sent (traces; for tail sampling) (default false)
            """;

    public List<String> validate() {
        List<String> problems = new ArrayList<>();
        if (batchSize < 1) {
            problems.add("--batch must be at least 1");
        }
        if (concurrency < 1) {
            problems.add("--concurrency must be at least 1");
        }
        if (itemsPerSecond < 0) {
            problems.add("--rate must not be negative");
        }
        if (duration.isZero() || duration.isNegative()) {
            problems.add("--duration must be positive: the generator always stops");
        }
        if (connections < 1) {
            problems.add("--connections must be at least 1");
        }
        if (distinctRequests < 1) {
            problems.add("--distinct must be at least 1");
        }
        if (warmup.isNegative()) {
            problems.add("--warmup must not be negative");
        }
        if (freshTraceIds && signal != Signal.TRACES) {
            problems.add("--fresh-trace-ids applies to --signal traces only");
        }
        if (maxRequests < 0) {
            problems.add("--requests must not be negative");
        }
        return problems;
    }

    public static LoadOptions parse(String... args) {
        String target = null;
        Protocol protocol = Protocol.GRPC;
        Signal signal = Signal.TRACES;
        int batch = 100;
        double rate = 0;
        int concurrency = 8;
        Duration duration = Duration.ofSeconds(10);
        long requests = 0;
        Duration timeout = Duration.ofSeconds(5);
        int connections = 1;
        int distinct = 64;
        long seed = 1;
        Duration warmup = Duration.ZERO;
        long cpuPid = 0;
        boolean freshTraceIds = false;
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("missing value after " + name);
            }
            String value = args[++i];
            switch (name) {
                case "--target" -> target = value;
                case "--protocol" -> protocol = Protocol.valueOf(value.toUpperCase(Locale.ROOT));
                case "--signal" -> signal = Signal.fromYamlName(value)
                        .orElseThrow(() -> new IllegalArgumentException("--signal must be traces, metrics or logs"));
                case "--batch" -> batch = Integer.parseInt(value);
                case "--rate" -> rate = Double.parseDouble(value);
                case "--concurrency" -> concurrency = Integer.parseInt(value);
                case "--duration" -> duration = Durations.parse(value);
                case "--requests" -> requests = Long.parseLong(value);
                case "--timeout" -> timeout = Durations.parse(value);
                case "--connections" -> connections = Integer.parseInt(value);
                case "--distinct" -> distinct = Integer.parseInt(value);
                case "--seed" -> seed = Long.parseLong(value);
                case "--warmup" -> warmup = Durations.parse(value);
                case "--cpu-pid" -> cpuPid = Long.parseLong(value);
                case "--fresh-trace-ids" -> freshTraceIds = Boolean.parseBoolean(value);
                default -> throw new IllegalArgumentException("unknown option " + name);
            }
        }
        if (target == null) {
            target = protocol == Protocol.GRPC ? "127.0.0.1:4317" : "127.0.0.1:4318";
        }
        LoadOptions options = new LoadOptions(target, protocol, signal, batch, rate, concurrency, duration, requests,
                timeout, connections, distinct, seed, warmup, cpuPid, freshTraceIds);
        List<String> problems = options.validate();
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        return options;
    }
}
