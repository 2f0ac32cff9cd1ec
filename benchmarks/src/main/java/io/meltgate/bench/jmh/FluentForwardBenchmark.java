package io.meltgate.bench.jmh;

import io.meltgate.core.data.LogBatch;
import io.meltgate.core.data.RequestMetadata;
import io.meltgate.core.delivery.QueueSettings;
import io.meltgate.core.delivery.RetrySettings;
import io.meltgate.core.tls.TlsClientSettings;
import io.meltgate.exporter.fluentforward.FluentForwardExporterSettings;
import io.meltgate.exporter.fluentforward.ForwardEventEncoder;
import io.meltgate.exporter.fluentforward.ForwardMessage;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.logs.v1.SeverityNumber;
import io.opentelemetry.proto.resource.v1.Resource;
import com.google.protobuf.ByteString;
import io.meltgate.receiver.fluentforward.ForwardDecoder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessageUnpacker;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Log records per second encoded to the Forward protocol by the fluentforward exporter, and decoded back by the
 * fluentforward receiver: a batch of 100 realistic
 * records (80-character bodies, trace context, task attributes, an 8-attribute resource, every 10th an event) to
 * one {@code PackedForward} message, and to {@code CompressedPackedForward} with {@code compress_gzip}. JMH reports
 * records/s directly ({@code @OperationsPerInvocation} is the batch size).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class FluentForwardBenchmark {

    private static final int RECORDS = 100;
    private static final String[] SOURCES = {"perplexity", "arxiv", "github", "docs", "web"};

    @Param({"false", "true"})
    public boolean gzip;

    private LogBatch batch;
    private ForwardEventEncoder encoder;
    private final ForwardDecoder decoder = new ForwardDecoder();
    private byte[] wire;

    @Setup
    public void setUp() {
        batch = LogBatch.of(logs(RECORDS, 42), RequestMetadata.EMPTY);
        FluentForwardExporterSettings s = new FluentForwardExporterSettings(
                new FluentForwardExporterSettings.Endpoint("127.0.0.1:24224", false, 60, false), List.of(),
                Duration.ofSeconds(30), TlsClientSettings.plaintext(), "", "", "", "bench", true, "bench.logs", gzip,
                Map.of(), Duration.ofSeconds(10), 2, QueueSettings.defaults(), RetrySettings.defaults(),
                Duration.ofSeconds(5));
        encoder = new ForwardEventEncoder(s);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            for (ForwardMessage m : encoder.encode(batch, true)) {
                m.writeTo(out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        wire = out.toByteArray();
    }

    @Benchmark
    @OperationsPerInvocation(RECORDS)
    public int encodePackedForward() {
        int bytes = 0;
        for (ForwardMessage m : encoder.encode(batch, true)) {
            bytes += m.size();
        }
        return bytes;
    }

    /** The receiving side: the same message decoded back into OTLP log records (Forward in). */
    @Benchmark
    @OperationsPerInvocation(RECORDS)
    public int decodePackedForward() throws IOException {
        try (MessageUnpacker in = MessagePack.newDefaultUnpacker(wire)) {
            return decoder.decode(in).events();
        }
    }

    /** The same shape as the shared test fixtures' logs (kept here: benchmarks do not see test jars at run time). */
    static ExportLogsServiceRequest logs(int records, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        ScopeLogs.Builder sl = ScopeLogs.newBuilder()
                .setScope(InstrumentationScope.newBuilder().setName("io.taskmaster.core").setVersion("1.4.2"));
        long now = 1_764_000_000_000_000_000L;
        for (int i = 0; i < records; i++) {
            String taskId = "task-" + random.nextInt(100_000);
            boolean error = random.nextInt(8) == 0;
            LogRecord.Builder r = LogRecord.newBuilder()
                    .setTimeUnixNano(now + i).setObservedTimeUnixNano(now + i + 1000)
                    .setSeverityNumber(error ? SeverityNumber.SEVERITY_NUMBER_ERROR : SeverityNumber.SEVERITY_NUMBER_INFO)
                    .setSeverityText(error ? "ERROR" : "INFO")
                    .setBody(AnyValue.newBuilder().setStringValue(String.format(
                            "Task %-11s expanded into %2d subtasks using %-10s in %4d ms",
                            taskId, random.nextInt(20), SOURCES[random.nextInt(SOURCES.length)], random.nextInt(5000))))
                    .setTraceId(ByteString.copyFrom(bytes(random, 16)))
                    .setSpanId(ByteString.copyFrom(bytes(random, 8)))
                    .setFlags(1)
                    .addAttributes(str("task.id", taskId))
                    .addAttributes(str("task.type", "research"));
            if (i % 10 == 9) {
                r.setEventName("task.completed");
            }
            sl.addLogRecords(r);
        }
        Resource.Builder res = Resource.newBuilder()
                .addAttributes(str("service.name", "task-master"))
                .addAttributes(str("service.version", "1.4.2"))
                .addAttributes(str("service.namespace", "taskmaster"))
                .addAttributes(str("service.instance.id", "task-master-3"))
                .addAttributes(str("host.name", "node-3.cluster.local"))
                .addAttributes(str("deployment.environment.name", "production"))
                .addAttributes(str("telemetry.sdk.language", "java"))
                .addAttributes(str("telemetry.sdk.name", "opentelemetry"));
        return ExportLogsServiceRequest.newBuilder()
                .addResourceLogs(ResourceLogs.newBuilder().setResource(res).addScopeLogs(sl)).build();
    }

    private static KeyValue str(String k, String v) {
        return KeyValue.newBuilder().setKey(k).setValue(AnyValue.newBuilder().setStringValue(v)).build();
    }

    private static byte[] bytes(SplittableRandom r, int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) r.nextInt(256);
        }
        b[n - 1] |= 1;
        return b;
    }
}
