package io.meltgate.exporter.fluentforward;

import io.meltgate.core.component.ComponentContext;
import io.meltgate.core.component.ComponentId;
import io.meltgate.core.component.ComponentKind;
import io.meltgate.core.consumer.BatchConsumer;
import io.meltgate.core.data.Batch;
import io.meltgate.core.data.LogBatch;
import io.meltgate.core.delivery.QueueSettings;
import io.meltgate.core.delivery.RetrySettings;
import io.meltgate.core.health.HealthReporter;
import io.meltgate.core.signal.Signal;
import io.meltgate.core.tls.TlsClientSettings;
import io.meltgate.core.tls.TlsServerSettings;
import io.meltgate.receiver.fluentforward.FluentForwardReceiver;
import io.meltgate.receiver.fluentforward.FluentForwardReceiverFactory;
import io.meltgate.receiver.fluentforward.FluentForwardReceiverSettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** Settings and peers for the fluentforward exporter's tests: a real fluentforward receiver on 127.0.0.1. */
final class FluentForwardTestSupport {

    private FluentForwardTestSupport() {
    }

    static ComponentContext context(ComponentKind kind) {
        return new ComponentContext(ComponentId.of("fluentforward"), kind, new SimpleMeterRegistry(), HealthReporter.NONE);
    }

    static FluentForwardExporterSettings exporterSettings(List<String> addrs, boolean requireAck, boolean gzip,
                                                          String sharedKey, TlsClientSettings tls) {
        FluentForwardExporterSettings d = new FluentForwardExporterFactory().defaultSettings();
        List<FluentForwardExporterSettings.Endpoint> more = new ArrayList<>();
        for (String a : addrs.subList(1, addrs.size())) {
            more.add(new FluentForwardExporterSettings.Endpoint(a, false, 60, false));
        }
        return new FluentForwardExporterSettings(
                new FluentForwardExporterSettings.Endpoint(addrs.get(0), false, 60, false), more,
                Duration.ofSeconds(2), tls == null ? d.tls() : tls, sharedKey, "", "", "client.test",
                requireAck, "meltgate.logs", gzip, Map.of(), Duration.ofSeconds(10),
                FluentForwardExporterFactory.DEFAULT_MAX_CONNECTIONS_PER_ENDPOINT, QueueSettings.defaults(), RetrySettings.defaults(), Duration.ofSeconds(5));
    }

    /** A started fluentforward receiver. */
    static FluentForwardReceiver receiver(String endpoint, String sharedKey,
                                          TlsServerSettings tls, BatchConsumer sink)
            throws Exception {
        FluentForwardReceiverSettings s = new FluentForwardReceiverSettings(endpoint, Duration.ZERO, sharedKey,
                "server.test", List.of(), tls);
        FluentForwardReceiver r = (FluentForwardReceiver) new FluentForwardReceiverFactory().create(
                context(ComponentKind.RECEIVER), s, Map.of(Signal.LOGS, sink));
        r.start();
        return r;
    }

    static String addr(FluentForwardReceiver r) {
        return "127.0.0.1:" + r.endpoints().get(0).address().getPort();
    }

    /** Every log record of the batches, with its attributes sorted by key (order is not part of the data). */
    static List<LogRecord> records(List<Batch> batches) {
        List<LogRecord> out = new ArrayList<>();
        for (Batch b : batches) {
            for (ResourceLogs rl : ((LogBatch) b).resourceLogs()) {
                for (ScopeLogs sl : rl.getScopeLogsList()) {
                    for (LogRecord r : sl.getLogRecordsList()) {
                        out.add(normalized(r));
                    }
                }
            }
        }
        return out;
    }

    static LogRecord normalized(LogRecord r) {
        List<KeyValue> attrs = new ArrayList<>(r.getAttributesList());
        attrs.sort(Comparator.comparing(KeyValue::getKey));
        return r.toBuilder().clearAttributes().addAllAttributes(attrs).build();
    }
}
