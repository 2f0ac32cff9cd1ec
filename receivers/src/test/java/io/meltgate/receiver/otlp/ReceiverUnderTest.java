package io.meltgate.receiver.otlp;

import io.meltgate.core.component.ComponentContext;
import io.meltgate.core.component.ComponentId;
import io.meltgate.core.component.ComponentKind;
import io.meltgate.core.component.ListeningComponent;
import io.meltgate.core.consumer.BatchConsumer;
import io.meltgate.core.data.Batch;
import io.meltgate.core.health.HealthStatus;
import io.meltgate.core.pipeline.Pipeline;
import io.meltgate.core.pipeline.PipelineId;
import io.meltgate.core.pipeline.RingPublisher;
import io.meltgate.core.signal.Signal;
import io.meltgate.core.telemetry.ReceiverMetrics;
import io.meltgate.core.testing.RecordingConsumer;
import io.meltgate.core.tls.TlsServerSettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A started {@code otlp} receiver on 127.0.0.1 port 0 behind real pipelines: for each signal, a Disruptor
 * {@link Pipeline} whose only stage is a {@link RecordingConsumer}, fed by a {@link RingPublisher} exactly as
 * the service wires it. Or, for refusal cases, behind consumers the test gives directly.
 */
final class ReceiverUnderTest implements AutoCloseable {

    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final Map<Signal, RecordingConsumer> out = new EnumMap<>(Signal.class);
    final List<HealthStatus> healthReports = new CopyOnWriteArrayList<>();
    final OtlpReceiver receiver;
    private final List<Pipeline> pipelines = new ArrayList<>();
    private final ComponentContext context;

    private ReceiverUnderTest(OtlpReceiverSettings settings, Map<Signal, BatchConsumer> next) throws Exception {
        this.context = new ComponentContext(ComponentId.of("otlp"), ComponentKind.RECEIVER, meters,
                (status, message) -> healthReports.add(status));
        this.receiver = new OtlpReceiver(context, settings, next);
        receiver.start();
    }

    /** Real pipelines (ring of {@code ringSize}) for the given signals. */
    static ReceiverUnderTest withPipelines(OtlpReceiverSettings settings, Set<Signal> signals, int ringSize) throws Exception {
        Map<Signal, RecordingConsumer> recorders = new EnumMap<>(Signal.class);
        List<Pipeline> pipes = new ArrayList<>();
        Map<Signal, BatchConsumer> next = new EnumMap<>(Signal.class);
        SimpleMeterRegistry pipelineMeters = new SimpleMeterRegistry();
        for (Signal s : signals) {
            RecordingConsumer rec = new RecordingConsumer();
            Pipeline p = new Pipeline(PipelineId.parse(s.name().toLowerCase()), ringSize, List.of(), rec, pipelineMeters);
            p.start();
            pipes.add(p);
            recorders.put(s, rec);
            next.put(s, new RingPublisher(List.of(p)));
        }
        ReceiverUnderTest r = new ReceiverUnderTest(settings, next);
        r.out.putAll(recorders);
        r.pipelines.addAll(pipes);
        return r;
    }

    static ReceiverUnderTest withPipelines(OtlpReceiverSettings settings) throws Exception {
        return withPipelines(settings, Set.of(Signal.values()), 1024);
    }

    static ReceiverUnderTest withConsumers(OtlpReceiverSettings settings, Map<Signal, BatchConsumer> next) throws Exception {
        return new ReceiverUnderTest(settings, next);
    }

    static OtlpReceiverSettings both() {
        return new OtlpReceiverSettings(new OtlpReceiverSettings.Protocols(grpc(null), http(null)));
    }

    static OtlpGrpcSettings grpc(TlsServerSettings tls) {
        OtlpGrpcSettings d = OtlpGrpcSettings.defaults();
        return new OtlpGrpcSettings("127.0.0.1:0", d.transport(), tls, d.maxRecvMsgSizeMib(), d.maxConcurrentStreams(),
                d.readBufferSize(), d.writeBufferSize(), d.keepalive(), true);
    }

    static OtlpGrpcSettings grpcWithMaxMib(int mib) {
        OtlpGrpcSettings d = grpc(null);
        return new OtlpGrpcSettings(d.endpoint(), d.transport(), null, mib, 0, d.readBufferSize(), 0, null, true);
    }

    static OtlpHttpSettings http(TlsServerSettings tls) {
        return http(tls, OtlpHttpSettings.defaults().maxRequestBodySize(), null);
    }

    static OtlpHttpSettings http(TlsServerSettings tls, long maxBody, OtlpHttpSettings.Cors cors) {
        OtlpHttpSettings d = OtlpHttpSettings.defaults();
        return new OtlpHttpSettings("127.0.0.1:0", tls, cors, maxBody, true, Map.of("x-served-by", "meltgate"),
                d.idleTimeout(), d.tracesUrlPath(), d.metricsUrlPath(), d.logsUrlPath());
    }

    InetSocketAddress address(String transport) {
        for (ListeningComponent.Endpoint e : receiver.endpoints()) {
            if (e.transport().equals(transport)) {
                return e.address();
            }
        }
        throw new IllegalStateException("no " + transport + " endpoint");
    }

    int grpcPort() {
        return address("grpc").getPort();
    }

    int httpPort() {
        return address("http").getPort();
    }

    String httpBase() {
        return "http://127.0.0.1:" + httpPort();
    }

    RecordingConsumer out(Signal s) {
        return out.get(s);
    }

    List<Batch> batches(Signal s) {
        return out.get(s).batches();
    }

    ReceiverMetrics metricsView(String transport) {
        // Micrometer returns the registered counters for the same name and tags: a view, not new meters.
        return new ReceiverMetrics(context, transport);
    }

    /** Waits until the pipelines delivered {@code n} items of the signal. */
    boolean awaitItems(Signal s, long n) throws InterruptedException {
        return out.get(s).awaitItems(n, Duration.ofSeconds(10));
    }

    @Override
    public void close() {
        receiver.shutdown();
        for (Pipeline p : pipelines) {
            p.drainAndStop(Duration.ofSeconds(5));
        }
    }
}
