package io.meltgate.exporter.prometheusremotewrite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.meltgate.core.component.ComponentCatalog;
import io.meltgate.core.component.ComponentKind;
import io.meltgate.core.delivery.QueueSettings;
import io.meltgate.core.signal.Signal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PrometheusRemoteWriteSettingsTest {

    private static final PrometheusRemoteWriteSettings D = new PrometheusRemoteWriteFactory().defaultSettings();

    /** A copy of the defaults with a valid endpoint, changed by the given function. */
    static PrometheusRemoteWriteSettings valid(UnaryOperator<Builder> change) {
        return change.apply(new Builder()).build();
    }

    /** Mutable copy of the record's components, to write the table's cases compactly. */
    static final class Builder {
        String endpoint = "http://prometheus:9090/api/v1/write";
        String compression = D.compression();
        Duration timeout = D.timeout();
        PrometheusRemoteWriteSettings.RemoteWriteQueueSettings queue = D.remoteWriteQueue();
        int maxBytes = D.maxBatchSizeBytes();
        Integer parallelism = D.maxBatchRequestParallelism();
        String strategy = D.translationStrategy();
        boolean suffixes = D.addMetricSuffixes();
        String message = D.protobufMessage();
        List<String> metadataKeys = D.includeMetadataKeys();
        PrometheusRemoteWriteSettings.WalSettings wal = D.wal();

        PrometheusRemoteWriteSettings build() {
            return new PrometheusRemoteWriteSettings(endpoint, D.headers(), D.tls(), compression, timeout,
                    D.retryOnFailure(), D.namespace(), queue, D.externalLabels(), maxBytes, parallelism,
                    D.resourceToTelemetryConversion(), D.targetInfo(), D.disableScopeInfo(), suffixes, strategy,
                    D.sendMetadata(), message, D.exportCreatedMetric(), metadataKeys, wal);
        }
    }

    @Test
    void defaultsAreTheCollectors() {
        assertEquals("", D.namespace());
        assertEquals(3_000_000, D.maxBatchSizeBytes());
        assertEquals(Duration.ofSeconds(5), D.timeout());
        assertEquals(new PrometheusRemoteWriteSettings.RemoteWriteQueueSettings(true, 10_000, 5), D.remoteWriteQueue());
        assertTrue(D.addMetricSuffixes());
        assertTrue(D.targetInfo().enabled());
        assertFalse(D.resourceToTelemetryConversion().enabled());
        assertFalse(D.exportCreatedMetric().enabled());
        assertFalse(D.sendMetadata());
        assertFalse(D.disableScopeInfo());
        assertEquals(Duration.ofMillis(50), D.retryOnFailure().initialInterval());
        assertTrue(D.retryOnFailure().enabled());
        assertEquals(List.of(), valid(b -> b).validate());
    }

    static Stream<Arguments> problems() {
        return Stream.of(
                Arguments.of("no endpoint", (UnaryOperator<Builder>) b -> { b.endpoint = ""; return b; }, "endpoint must be set"),
                Arguments.of("not http", (UnaryOperator<Builder>) b -> { b.endpoint = "ftp://x/y"; return b; }, "http:// or https://"),
                Arguments.of("gzip", (UnaryOperator<Builder>) b -> { b.compression = "gzip"; return b; }, "must be snappy"),
                Arguments.of("negative timeout", (UnaryOperator<Builder>) b -> { b.timeout = Duration.ofSeconds(-1); return b; }, "timeout"),
                Arguments.of("negative max bytes", (UnaryOperator<Builder>) b -> { b.maxBytes = -1; return b; }, "max_batch_size_bytes"),
                Arguments.of("parallelism 0", (UnaryOperator<Builder>) b -> { b.parallelism = 0; return b; }, "max_batch_request_parallelism"),
                Arguments.of("queue of 0", (UnaryOperator<Builder>) b -> {
                    b.queue = new PrometheusRemoteWriteSettings.RemoteWriteQueueSettings(true, 0, 5); return b; }, "drop all the data"),
                Arguments.of("negative consumers", (UnaryOperator<Builder>) b -> {
                    b.queue = new PrometheusRemoteWriteSettings.RemoteWriteQueueSettings(true, 10, -1); return b; }, "num_consumers"),
                Arguments.of("utf-8 strategy", (UnaryOperator<Builder>) b -> { b.strategy = "NoTranslation"; return b; }, "Remote Write 2.0"),
                Arguments.of("unknown strategy", (UnaryOperator<Builder>) b -> { b.strategy = "Loud"; return b; }, "invalid translation_strategy"),
                Arguments.of("remote write 2", (UnaryOperator<Builder>) b -> { b.message = "io.prometheus.write.v2.Request"; return b; }, "only prometheus.WriteRequest"),
                Arguments.of("reserved metadata key", (UnaryOperator<Builder>) b -> { b.metadataKeys = List.of("Content-Type"); return b; }, "reserved"),
                Arguments.of("wal", (UnaryOperator<Builder>) b -> {
                    b.wal = new PrometheusRemoteWriteSettings.WalSettings("./wal", 300, Duration.ofMinutes(1), null); return b; }, "wal is not supported"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("problems")
    void validationNamesTheOption(String title, UnaryOperator<Builder> change, String expected) {
        PrometheusRemoteWriteSettings s = valid(change);
        // The binder validates every nested settings record too, each with its own path.
        List<String> problems = new java.util.ArrayList<>(s.validate());
        problems.addAll(s.remoteWriteQueue().validate());
        assertEquals(1, problems.size(), problems::toString);
        assertTrue(problems.get(0).contains(expected), problems.get(0));
    }

    @Test
    void translationStrategyWinsOverAddMetricSuffixes() {
        assertFalse(valid(b -> { b.strategy = "UnderscoreEscapingWithoutSuffixes"; return b; }).suffixesEnabled());
        assertTrue(valid(b -> { b.strategy = "UnderscoreEscapingWithSuffixes"; b.suffixes = false; return b; }).suffixesEnabled());
        assertFalse(valid(b -> { b.suffixes = false; return b; }).suffixesEnabled());
    }

    @Test
    void remoteWriteQueueMapsToOneOrderedConsumerAndParallelRequests() {
        QueueSettings q = PrometheusRemoteWriteFactory.queueSettings(D.remoteWriteQueue());
        assertTrue(q.enabled());
        assertEquals(1, q.numConsumers(), "one consumer keeps batches, and so samples, in order");
        assertEquals(10_000, q.queueSize());
        assertEquals(List.of(), q.validate());
        assertEquals(5, D.requestParallelism());
        assertEquals(2, valid(b -> { b.parallelism = 2; return b; }).requestParallelism());
        assertFalse(PrometheusRemoteWriteFactory.queueSettings(
                new PrometheusRemoteWriteSettings.RemoteWriteQueueSettings(false, 0, 5)).enabled());
    }

    @Test
    void factoryIsFoundByItsTypeName() {
        var factory = ComponentCatalog.load().find(ComponentKind.EXPORTER, "prometheusremotewrite").orElseThrow();
        PrometheusRemoteWriteFactory prw = assertInstanceOf(PrometheusRemoteWriteFactory.class, factory);
        assertEquals(java.util.Set.of(Signal.METRICS), prw.signals());
        assertEquals(PrometheusRemoteWriteSettings.class, prw.settingsType());
        assertEquals(Map.of(), prw.defaultSettings().externalLabels());
    }
}
