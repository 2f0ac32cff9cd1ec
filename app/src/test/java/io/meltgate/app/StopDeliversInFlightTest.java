package io.meltgate.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.meltgate.core.testing.OtlpFixtures;
import io.meltgate.core.testing.OtlpRecordingServer;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.opentelemetry.proto.collector.trace.v1.TraceServiceGrpc;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM with items in flight: a real gateway process holds acknowledged spans in its batch processor (a long
 * timeout) when it is told to stop; it must flush them through the exporter to the backend and exit 0.
 */
class StopDeliversInFlightTest {

    @Test
    void sigtermDeliversEverythingAcknowledgedAndExitsZero(@TempDir Path dir) throws Exception {
        try (OtlpRecordingServer backend = OtlpRecordingServer.start()) {
            Path config = dir.resolve("pipeline.yaml");
            Files.writeString(config, """
                    receivers:
                      otlp:
                        protocols:
                          grpc:
                            endpoint: 127.0.0.1:0
                    processors:
                      batch:
                        timeout: 1h
                        send_batch_size: 1000000
                    exporters:
                      otlp:
                        endpoint: %s
                        tls:
                          insecure: true
                    service:
                      pipelines:
                        traces:
                          receivers: [otlp]
                          processors: [batch]
                          exporters: [otlp]
                      telemetry:
                        metrics:
                          level: none
                    """.formatted(backend.endpoint()));
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process gateway = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    "io.meltgate.app.Main", "run", "--config", config.toString())
                    .redirectErrorStream(true).start();
            List<String> output = new ArrayList<>();
            CompletableFuture<Integer> grpcPort = new CompletableFuture<>();
            Thread reader = new Thread(() -> readLines(gateway, output, grpcPort));
            reader.setDaemon(true);
            reader.start();
            int port;
            try {
                port = grpcPort.get(60, TimeUnit.SECONDS);
            } catch (Exception e) {
                gateway.destroyForcibly();
                throw new AssertionError("the gateway did not report its gRPC port; output: " + output, e);
            }

            OtlpFixtures fixtures = new OtlpFixtures(11);
            ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
            int acknowledged = 0;
            try {
                TraceServiceGrpc.TraceServiceBlockingStub stub = TraceServiceGrpc.newBlockingStub(channel);
                for (int i = 0; i < 40; i++) {
                    stub.withDeadlineAfter(10, TimeUnit.SECONDS).export(fixtures.traceRequest(25));
                    acknowledged += 25;
                }
            } finally {
                channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            }
            assertEquals(0, backend.spanCount(), "the batch processor holds everything until the stop");

            gateway.destroy(); // SIGTERM
            assertTrue(gateway.waitFor(60, TimeUnit.SECONDS), "the gateway did not stop; output: " + output);
            assertEquals(0, gateway.exitValue(), "exit code after SIGTERM; output: " + output);
            assertTrue(backend.awaitSpans(acknowledged, Duration.ofSeconds(5)));
            assertEquals(acknowledged, backend.spanCount(), "every acknowledged span was delivered exactly once");
        }
    }

    private static final Pattern GRPC_ENDPOINT = Pattern.compile("grpc://127\\.0\\.0\\.1:(\\d+)");

    private static void readLines(Process p, List<String> output, CompletableFuture<Integer> grpcPort) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                synchronized (output) {
                    output.add(line);
                }
                Matcher m = GRPC_ENDPOINT.matcher(line);
                if (m.find()) {
                    grpcPort.complete(Integer.parseInt(m.group(1)));
                }
            }
        } catch (Exception e) {
            grpcPort.completeExceptionally(e);
        }
    }
}
