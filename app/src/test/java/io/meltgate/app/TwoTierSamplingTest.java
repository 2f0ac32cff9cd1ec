package io.meltgate.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.meltgate.core.component.ComponentContext;
import io.meltgate.core.component.ComponentId;
import io.meltgate.core.component.ComponentKind;
import io.meltgate.core.component.Exporter;
import io.meltgate.core.component.ListeningComponent;
import io.meltgate.core.component.Receiver;
import io.meltgate.core.consumer.BatchConsumer;
import io.meltgate.core.data.RequestMetadata;
import io.meltgate.core.data.SpanBatch;
import io.meltgate.core.delivery.QueueSettings;
import io.meltgate.core.delivery.RetrySettings;
import io.meltgate.core.pipeline.Pipeline;
import io.meltgate.core.pipeline.PipelineId;
import io.meltgate.core.pipeline.RingPublisher;
import io.meltgate.core.signal.Signal;
import io.meltgate.core.testing.OtlpFixtures;
import io.meltgate.core.testing.OtlpRecordingServer;
import io.meltgate.core.testing.RecordingConsumer;
import io.meltgate.core.tls.TlsClientSettings;
import io.meltgate.exporter.loadbalancing.LoadBalancingExporter;
import io.meltgate.exporter.loadbalancing.LoadBalancingFactory;
import io.meltgate.exporter.loadbalancing.LoadBalancingSettings;
import io.meltgate.exporter.otlp.OtlpExporterFactory;
import io.meltgate.exporter.otlp.OtlpExporterSettings;
import io.meltgate.processor.tailsampling.TailSamplingFactory;
import io.meltgate.processor.tailsampling.TailSamplingProcessor;
import io.meltgate.processor.tailsampling.TailSamplingSettings;
import io.meltgate.processor.tailsampling.policy.PolicySettings;
import io.meltgate.receiver.otlp.OtlpGrpcSettings;
import io.meltgate.receiver.otlp.OtlpReceiverFactory;
import io.meltgate.receiver.otlp.OtlpReceiverSettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two tiers on loopback, over real OTLP/gRPC: a sidecar (an otlp exporter) sends to one load-balancing gateway
 * (otlp receiver, loadbalancing exporter), which spreads traces over two sampling gateways (otlp receiver,
 * tail_sampling, otlp exporter), which send to one backend. Every trace must be decided whole by one sampler,
 * and with deterministic policies the result must equal one sampler's; removing a sampler mid-run loses nothing.
 */
class TwoTierSamplingTest {

    /** Long enough that, even on a loaded machine, every span of a trace reaches its sampler before the decision. */
    private static final Duration WAIT = Duration.ofSeconds(3);
    private final List<Runnable> stops = new ArrayList<>();
    private final SimpleMeterRegistry samplerMeters = new SimpleMeterRegistry();

    @AfterEach
    void stopAll() {
        for (int i = stops.size() - 1; i >= 0; i--) {
            stops.get(i).run();
        }
    }

    private static ComponentContext ctx(ComponentKind kind, String id, SimpleMeterRegistry meters) {
        return new ComponentContext(ComponentId.parse(id), kind, meters, (s, m) -> { });
    }

    private static OtlpExporterSettings otlpTo(String endpoint) {
        OtlpExporterSettings d = new OtlpExporterFactory().defaultSettings();
        return new OtlpExporterSettings(endpoint, TlsClientSettings.plaintext(), Map.of(), d.compression(), null,
                d.balancerName(), null, Duration.ofSeconds(5), QueueSettings.defaults(),
                new RetrySettings(true, Duration.ofMillis(20), Duration.ofMillis(200), Duration.ofSeconds(30), 1.5, 0.2));
    }

    private static TailSamplingSettings samplingSettings() {
        return new TailSamplingFactory().defaultSettings().withDecisionWait(WAIT).withPolicies(List.of(
                PolicySettings.of("errors", "status_code").withStatusCode(new PolicySettings.StatusCode(List.of("ERROR"))),
                PolicySettings.of("slow", "latency").withLatency(new PolicySettings.Latency(800, 0))));
    }

    /** Starts a gateway: an OTLP/gRPC receiver on 127.0.0.1:0 feeding a pipeline; returns its endpoint. */
    private String gateway(String name, List<io.meltgate.core.component.Processor> processors, BatchConsumer head,
                           SimpleMeterRegistry meters) throws Exception {
        Pipeline pipeline = new Pipeline(PipelineId.parse("traces/" + name), 1024, processors, head, meters);
        pipeline.start();
        OtlpGrpcSettings grpc = OtlpGrpcSettings.defaults();
        grpc = new OtlpGrpcSettings("127.0.0.1:0", grpc.transport(), null, grpc.maxRecvMsgSizeMib(),
                grpc.maxConcurrentStreams(), grpc.readBufferSize(), grpc.writeBufferSize(), null, false);
        Receiver receiver = new OtlpReceiverFactory().create(ctx(ComponentKind.RECEIVER, "otlp/" + name, meters),
                new OtlpReceiverSettings(new OtlpReceiverSettings.Protocols(grpc, null)),
                Map.of(Signal.TRACES, new RingPublisher(List.of(pipeline))));
        receiver.start();
        stops.add(() -> {
            receiver.shutdown();
            pipeline.drainAndStop(Duration.ofSeconds(10));
        });
        var address = ((ListeningComponent) receiver).endpoints().get(0).address();
        return "127.0.0.1:" + address.getPort();
    }

    private String samplingGateway(String name, OtlpRecordingServer backend) throws Exception {
        return samplingGateway(name, backend, samplingSettings());
    }

    private String samplingGateway(String name, OtlpRecordingServer backend, TailSamplingSettings settings)
            throws Exception {
        Exporter out = new OtlpExporterFactory().create(ctx(ComponentKind.EXPORTER, "otlp/" + name, samplerMeters),
                otlpTo(backend.endpoint()), Set.of(Signal.TRACES));
        out.start();
        stops.add(out::shutdown);
        TailSamplingProcessor ts = new TailSamplingProcessor(
                ctx(ComponentKind.PROCESSOR, "tail_sampling/" + name, samplerMeters), settings, out);
        return gateway(name, List.of(ts), ts, samplerMeters);
    }

    /** Traces of 4 spans; 1 in 10 has an error, 1 in 10 is slow. */
    private static List<List<Span>> traces(int n) {
        OtlpFixtures f = new OtlpFixtures(31);
        List<List<Span>> out = new ArrayList<>();
        for (int t = 0; t < n; t++) {
            byte[] id = f.traceId();
            List<Span> spans = new ArrayList<>();
            long start = 1_764_000_000_000_000_000L;
            for (int i = 0; i < 4; i++) {
                Span s = f.span(id, null);
                long end = start + (t % 10 == 3 && i == 0 ? 1_000_000_000L : 50_000_000L);
                spans.add(s.toBuilder().setStartTimeUnixNano(start).setEndTimeUnixNano(end)
                        .setStatus(Status.newBuilder().setCode(t % 10 == 7 && i == 2
                                ? Status.StatusCode.STATUS_CODE_ERROR : Status.StatusCode.STATUS_CODE_OK)).build());
            }
            out.add(spans);
        }
        return out;
    }

    /** Span i of every trace in one batch per i: each trace's spans travel in 4 different requests. */
    private static List<SpanBatch> batches(List<List<Span>> traces) {
        List<SpanBatch> out = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            ScopeSpans.Builder ss = ScopeSpans.newBuilder().setScope(OtlpFixtures.scope());
            for (List<Span> t : traces) {
                ss.addSpans(t.get(i));
            }
            out.add(SpanBatch.of(List.of(ResourceSpans.newBuilder().setResource(OtlpFixtures.resource("checkout", i))
                    .addScopeSpans(ss).build()), RequestMetadata.EMPTY));
        }
        return out;
    }

    private static Map<ByteString, Integer> spansPerTrace(List<ResourceSpans> rss) {
        Map<ByteString, Integer> out = new HashMap<>();
        rss.forEach(rs -> rs.getScopeSpansList().forEach(ss -> ss.getSpansList()
                .forEach(s -> out.merge(s.getTraceId(), 1, Integer::sum))));
        return out;
    }

    @Test
    void everyTraceIsDecidedWholeByOneSamplerAndTheResultEqualsASingleSamplers() throws Exception {
        OtlpRecordingServer backend = OtlpRecordingServer.start();
        stops.add(() -> {
            try {
                backend.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        String samplerA = samplingGateway("a", backend);
        String samplerB = samplingGateway("b", backend);

        SimpleMeterRegistry lbMeters = new SimpleMeterRegistry();
        LoadBalancingSettings lbSettings = new LoadBalancingSettings("traceID",
                new LoadBalancingSettings.Protocol(otlpTo("placeholder:4317")),
                new LoadBalancingSettings.Resolver(new LoadBalancingSettings.StaticResolver(List.of(samplerA, samplerB)),
                        null));
        assertTrue(lbSettings.validate().isEmpty(), lbSettings.validate().toString());
        Exporter lb = new LoadBalancingFactory().create(ctx(ComponentKind.EXPORTER, "loadbalancing", lbMeters),
                lbSettings, Set.of(Signal.TRACES));
        lb.start();
        stops.add(lb::shutdown);
        String lbEndpoint = gateway("lb", List.of(), lb, lbMeters);

        Exporter sidecar = new OtlpExporterFactory().create(ctx(ComponentKind.EXPORTER, "otlp/sidecar",
                new SimpleMeterRegistry()), otlpTo(lbEndpoint), Set.of(Signal.TRACES));
        sidecar.start();
        List<List<Span>> traces = traces(400);
        List<SpanBatch> batches = batches(traces);
        for (SpanBatch b : batches) {
            sidecar.consume(b);
        }
        sidecar.shutdown();

        // What one sampler alone keeps, with the same policies.
        RecordingConsumer single = new RecordingConsumer();
        TailSamplingProcessor alone = new TailSamplingProcessor(ctx(ComponentKind.PROCESSOR, "tail_sampling",
                new SimpleMeterRegistry()), samplingSettings(), single);
        for (SpanBatch b : batches) {
            alone.consume(b);
        }
        alone.flush();
        Map<ByteString, Integer> expected = new HashMap<>();
        single.batches().forEach(b -> expected.putAll(spansPerTrace(((SpanBatch) b).resourceSpans())));
        assertEquals(80, expected.size(), "40 error + 40 slow traces");

        assertTrue(backend.awaitSpans(expected.size() * 4L, Duration.ofSeconds(20)));
        Thread.sleep(1000); // a sampler that wrongly kept more would have sent it by now
        Map<ByteString, Integer> got = spansPerTrace(backend.spans());
        assertEquals(expected.keySet(), got.keySet(), "two tiers keep exactly what one sampler keeps");
        got.values().forEach(n -> assertEquals(4, n, "every kept trace arrives whole"));
        double newTraces = samplerMeters.find("otelcol_processor_tail_sampling_new_trace_id_received").counters()
                .stream().mapToDouble(c -> c.count()).sum();
        assertEquals(400, newTraces, "each trace was buffered by exactly one sampler: all its spans reached it");
        double perSampler = samplerMeters.find("otelcol_processor_tail_sampling_new_trace_id_received")
                .tag("processor", "tail_sampling/a").counter().count();
        assertTrue(perSampler > 100 && perSampler < 300, "both samplers share the traces: " + perSampler);
    }

    @Test
    void removingASamplerMidRunLosesNoSpan() throws Exception {
        OtlpRecordingServer backend = OtlpRecordingServer.start();
        stops.add(() -> {
            try {
                backend.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        TailSamplingSettings keepAll = new TailSamplingFactory().defaultSettings().withDecisionWait(WAIT)
                .withPolicies(List.of(PolicySettings.of("all", "always_sample")));
        String samplerA = samplingGateway("a", backend, keepAll);
        String samplerB = samplingGateway("b", backend, keepAll);
        SimpleMeterRegistry lbMeters = new SimpleMeterRegistry();
        LoadBalancingSettings lbSettings = new LoadBalancingSettings("traceID",
                new LoadBalancingSettings.Protocol(otlpTo("placeholder:4317")),
                new LoadBalancingSettings.Resolver(new LoadBalancingSettings.StaticResolver(List.of(samplerA, samplerB)),
                        null));
        LoadBalancingExporter lb = (LoadBalancingExporter) new LoadBalancingFactory().create(
                ctx(ComponentKind.EXPORTER, "loadbalancing", lbMeters), lbSettings, Set.of(Signal.TRACES));
        lb.start();
        stops.add(lb::shutdown);
        String lbEndpoint = gateway("lb", List.of(), lb, lbMeters);
        Exporter sidecar = new OtlpExporterFactory().create(ctx(ComponentKind.EXPORTER, "otlp/sidecar",
                new SimpleMeterRegistry()), otlpTo(lbEndpoint), Set.of(Signal.TRACES));
        sidecar.start();

        OtlpFixtures f = new OtlpFixtures(41);
        long sent = 0;
        for (int i = 0; i < 60; i++) {
            if (i == 30) {
                // Scale the sampling tier down mid-run: b leaves the ring; what is queued for it still reaches it.
                lb.updateBackends(List.of(samplerA));
                assertEquals(List.of(samplerA), lb.currentBackends());
            }
            SpanBatch b = SpanBatch.of(f.traceRequest(50), RequestMetadata.EMPTY);
            sent += b.itemCount();
            sidecar.consume(b);
            Thread.sleep(10);
        }
        sidecar.shutdown();
        assertTrue(backend.awaitSpans(sent, Duration.ofSeconds(20)), "every span sent reaches the backend: sent "
                + sent + ", got " + backend.spanCount());
        double atB = samplerMeters.find("otelcol_processor_tail_sampling_new_trace_id_received")
                .tag("processor", "tail_sampling/b").counter().count();
        assertTrue(atB > 0, "b sampled its share before it left");
    }
}
