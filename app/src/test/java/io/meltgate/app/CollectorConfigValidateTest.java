package io.meltgate.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URISyntaxException;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * {@code meltgate validate} accepts OpenTelemetry Collector configurations unchanged when they use only
 * components meltgate has: the {@code otlp} receiver (gRPC and HTTP), {@code batch}, {@code debug}, the
 * {@code otlp} exporter and {@code health_check}. {@code gateway.yaml} is a typical published Collector
 * gateway config; {@code current-telemetry.yaml} uses env defaults, the exporter queue and retry, and the
 * current {@code telemetry.metrics.readers} form; {@code ottl-processors.yaml} the filter, transform, attributes
 * and resource processors; {@code getting-started.yaml} protocols turned on by empty keys, memory_limiter and
 * batching in the exporter's sending queue.
 */
class CollectorConfigValidateTest {

    @ParameterizedTest
    @ValueSource(strings = {"gateway.yaml", "current-telemetry.yaml", "ottl-processors.yaml", "getting-started.yaml"})
    void validatesUnchanged(String name) throws URISyntaxException {
        Path file = Path.of(getClass().getResource("/collector-configs/" + name).toURI());
        MainTest.Result r = MainTest.run("validate", "--config", file.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals("OK: " + file + " is valid", r.out().substring(0, r.out().indexOf(" (")));
    }

    @Test
    void theBuiltInDefaultConfigurationIsValid() {
        MainTest.Result r = MainTest.run("validate");
        assertEquals(0, r.code(), r.err());
        assertEquals("OK: the built-in default configuration is valid (3 pipelines)\n", r.out());
    }
}
