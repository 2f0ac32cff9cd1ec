package io.meltgate.exporter.loadbalancing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.grpc.Status;
import io.meltgate.core.component.ComponentContext;
import io.meltgate.core.component.ComponentId;
import io.meltgate.core.component.ComponentKind;
import io.meltgate.core.data.RequestMetadata;
import io.meltgate.core.data.SpanBatch;
import io.meltgate.core.delivery.QueueSettings;
import io.meltgate.core.delivery.RetrySettings;
import io.meltgate.core.signal.Signal;
import io.meltgate.core.testing.OtlpFixtures;
import io.meltgate.core.testing.OtlpRecordingServer;
import io.meltgate.core.tls.TlsClientSettings;
import io.meltgate.exporter.otlp.OtlpExporterSettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The exporter over real OTLP/gRPC to recording servers on loopback, through the real otlp exporter. */
class LoadBalancingExporterTest {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final List<OtlpRecordingServer> servers = new ArrayList<>();
    private LoadBalancingExporter exporter;

    @AfterEach
    void stop() throws Exception {
        if (exporter != null) {
            exporter.shutdown();
        }
        for (OtlpRecordingServer s : servers) {
            s.close();
        }
    }

    private ComponentContext context() {
        return new ComponentContext(ComponentId.of("loadbalancing"), ComponentKind.EXPORTER, meters, (s, m) -> { });
    }

    private LoadBalancingSettings settings(List<String> hostnames) {
        LoadBalancingSettings d = new LoadBalancingFactory().defaultSettings();
        OtlpExporterSettings o = d.protocol().otlp();
        o = new OtlpExporterSettings(o.endpoint(), TlsClientSettings.plaintext(), o.headers(), o.compression(),
                o.keepalive(), o.balancerName(), o.authority(), Duration.ofSeconds(2), QueueSettings.defaults(),
                new RetrySettings(true, Duration.ofMillis(20), Duration.ofMillis(100), Duration.ofSeconds(30), 1.5, 0.2));
        return new LoadBalancingSettings("", new LoadBalancingSettings.Protocol(o),
                new LoadBalancingSettings.Resolver(new LoadBalancingSettings.StaticResolver(hostnames), null));
    }

    private List<String> startServers(int n) throws Exception {
        List<String> endpoints = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            OtlpRecordingServer s = OtlpRecordingServer.start();
            servers.add(s);
            endpoints.add(s.endpoint());
        }
        return endpoints;
    }

    private static Map<ByteString, Integer> tracesAt(OtlpRecordingServer s) {
        Map<ByteString, Integer> out = new HashMap<>();
        for (ResourceSpans rs : s.spans()) {
            rs.getScopeSpansList().forEach(ss -> ss.getSpansList().forEach(sp -> out.merge(sp.getTraceId(), 1, Integer::sum)));
        }
        return out;
    }

    @Test
    void everySpanOfATraceReachesTheSameBackend() throws Exception {
        List<String> endpoints = startServers(3);
        exporter = (LoadBalancingExporter) new LoadBalancingFactory().create(context(), settings(endpoints),
                Set.of(Signal.TRACES));
        exporter.start();
        OtlpFixtures f = new OtlpFixtures(8);
        // Traces of 5 spans; every trace's spans are sent in two different batches.
        List<ResourceSpans> firsts = new ArrayList<>();
        List<ResourceSpans> seconds = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            ResourceSpans rs = f.resourceSpans(50, "task-master");
            var spans = rs.getScopeSpans(0).getSpansList();
            firsts.add(rs.toBuilder().setScopeSpans(0, rs.getScopeSpans(0).toBuilder().clearSpans()
                    .addAllSpans(spans.stream().filter(s -> spans.indexOf(s) % 5 < 2).toList())).build());
            seconds.add(rs.toBuilder().setScopeSpans(0, rs.getScopeSpans(0).toBuilder().clearSpans()
                    .addAllSpans(spans.stream().filter(s -> spans.indexOf(s) % 5 >= 2).toList())).build());
        }
        for (ResourceSpans rs : firsts) {
            exporter.consume(SpanBatch.of(List.of(rs), RequestMetadata.EMPTY));
        }
        for (ResourceSpans rs : seconds) {
            exporter.consume(SpanBatch.of(List.of(rs), RequestMetadata.EMPTY));
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (servers.stream().mapToLong(OtlpRecordingServer::spanCount).sum() < 2000 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(2000, servers.stream().mapToLong(OtlpRecordingServer::spanCount).sum());
        Map<ByteString, Integer> owner = new HashMap<>();
        for (int i = 0; i < servers.size(); i++) {
            Map<ByteString, Integer> traces = tracesAt(servers.get(i));
            assertTrue(!traces.isEmpty(), "every backend gets a share");
            for (var e : traces.entrySet()) {
                assertEquals(5, e.getValue(), "the whole trace at one backend");
                assertEquals(null, owner.put(e.getKey(), i), "a trace at only one backend");
            }
            servers.get(i).spans().forEach(rs -> assertEquals("task-master",
                    BatchRouter.serviceName(rs.getResource()), "the resource travels with its spans"));
        }
        assertEquals(400, owner.size());
        assertEquals(3.0, meters.find("otelcol_loadbalancer_num_backends").gauge().value());
    }

    @Test
    void removingABackendDeliversWhatItsQueueHoldsAndRoutesNewDataElsewhere() throws Exception {
        List<String> endpoints = startServers(2);
        OtlpRecordingServer a = servers.get(0);
        OtlpRecordingServer b = servers.get(1);
        exporter = (LoadBalancingExporter) new LoadBalancingFactory().create(context(), settings(endpoints),
                Set.of(Signal.TRACES));
        exporter.start();
        b.failWith(Status.UNAVAILABLE); // b's exporter keeps its batches queued and retries
        OtlpFixtures f = new OtlpFixtures(9);
        long sent = 0;
        for (int i = 0; i < 20; i++) {
            SpanBatch batch = SpanBatch.of(f.traceRequest(50), RequestMetadata.EMPTY);
            sent += batch.itemCount();
            exporter.consume(batch);
        }
        Thread.sleep(300); // b's exporter tries, is refused, and keeps retrying from its queue
        assertEquals(0, b.spanCount(), "b accepted nothing yet: its spans wait in its queue");
        assertTrue(a.spanCount() < sent, "some spans are b's");
        // b leaves the ring while its queue still holds spans; its shutdown drains them once b answers again.
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread change = new Thread(() -> {
            try {
                exporter.updateBackends(List.of(a.endpoint()));
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        change.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!exporter.currentBackends().equals(List.of(a.endpoint())) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(List.of(a.endpoint()), exporter.currentBackends());
        long bBefore = b.spanCount();
        SpanBatch after = SpanBatch.of(f.traceRequest(100), RequestMetadata.EMPTY);
        exporter.consume(after);
        b.failWith(null);
        change.join(20_000);
        assertEquals(null, failure.get());
        deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (a.spanCount() + b.spanCount() < sent + 100 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(sent + 100, a.spanCount() + b.spanCount(), "nothing queued is lost");
        assertEquals(0, bBefore, "b had accepted nothing before it left");
        Map<ByteString, Integer> atB = tracesAt(b);
        after.resourceSpans().forEach(rs -> rs.getScopeSpansList().forEach(ss -> ss.getSpansList().forEach(
                s -> assertTrue(!atB.containsKey(s.getTraceId()), "new data goes only to the remaining backend"))));
    }

    @Test
    void dnsResolverReportsChangesAndKeepsTheLastListWhenALookupFails() throws Exception {
        List<InetAddress[]> answers = new CopyOnWriteArrayList<>();
        answers.add(new InetAddress[] {InetAddress.getByName("10.0.0.2"), InetAddress.getByName("10.0.0.1")});
        AtomicReference<Boolean> fail = new AtomicReference<>(false);
        List<List<String>> seen = new CopyOnWriteArrayList<>();
        DnsBackendResolver r = new DnsBackendResolver(new LoadBalancingSettings.DnsResolver("sampler.svc", 4317,
                Duration.ofMillis(30), Duration.ofSeconds(1)), h -> {
                    if (fail.get()) {
                        throw new java.net.UnknownHostException(h);
                    }
                    return answers.get(answers.size() - 1);
                }, () -> { });
        r.start(seen::add);
        assertEquals(List.of(List.of("10.0.0.1:4317", "10.0.0.2:4317")), seen, "first answer at start, sorted");
        fail.set(true);
        Thread.sleep(120);
        assertEquals(1, seen.size(), "a failed lookup keeps the last backends");
        fail.set(false);
        answers.add(new InetAddress[] {InetAddress.getByName("10.0.0.3")});
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (seen.size() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        r.shutdown();
        assertEquals(List.of("10.0.0.3:4317"), seen.get(1));
    }

    @Test
    void validationNamesEachProblem() {
        LoadBalancingSettings d = new LoadBalancingFactory().defaultSettings();
        assertTrue(d.validate().stream().anyMatch(p -> p.contains("exactly one of static and dns")));
        LoadBalancingSettings bad = new LoadBalancingSettings("spanID", d.protocol(),
                new LoadBalancingSettings.Resolver(null, new LoadBalancingSettings.DnsResolver("", 0,
                        Duration.ZERO, Duration.ofSeconds(1))));
        List<String> problems = bad.validate();
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("routing_key")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("resolver.dns.hostname")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("resolver.dns.port")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("resolver.dns.interval")), problems.toString());
    }
}
