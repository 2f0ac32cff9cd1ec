package io.meltgate.exporter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.meltgate.core.component.ComponentCatalog;
import io.meltgate.core.component.ComponentFactory;
import io.meltgate.core.component.ComponentKind;
import io.meltgate.core.component.ComponentSettings;
import io.meltgate.core.signal.Signal;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ExporterCatalogTest {

    @ParameterizedTest
    @CsvSource({"otlp,3", "otlphttp,3", "jaeger,1"})
    void eachExporterIsFoundByItsYamlNameWithDefaultsThatOnlyLackTheEndpoint(String type, int signals) {
        ComponentFactory<?> f = ComponentCatalog.load().find(ComponentKind.EXPORTER, type).orElseThrow();
        assertEquals(signals, f.signals().size());
        assertTrue(f.signals().contains(Signal.TRACES));
        ComponentSettings d = f.defaultSettings();
        assertTrue(f.settingsType().isInstance(d));
        List<String> problems = d.validate();
        if (type.equals("jaeger")) {
            assertEquals(List.of(), problems, "jaeger defaults to localhost:14250");
        } else {
            assertTrue(problems.size() == 1 && problems.get(0).contains("endpoint"), problems.toString());
        }
    }

    @ParameterizedTest
    @CsvSource({"otlp", "otlphttp", "jaeger"})
    void defaultsAreTheCollectors(String type) {
        var f = ComponentCatalog.load().find(ComponentKind.EXPORTER, type).orElseThrow();
        Object d = f.defaultSettings();
        Map<String, Object> expected = Map.of("otlp", "gzip", "otlphttp", "gzip", "jaeger", "none");
        if (d instanceof io.meltgate.exporter.otlp.OtlpExporterSettings s) {
            assertEquals(expected.get(type), s.compression());
            assertEquals(java.time.Duration.ofSeconds(5), s.timeout());
            assertEquals(10, s.sendingQueue().numConsumers());
            assertEquals(1000, s.sendingQueue().queueSize());
            assertEquals(java.time.Duration.ofSeconds(300), s.retryOnFailure().maxElapsedTime());
        } else if (d instanceof io.meltgate.exporter.otlphttp.OtlpHttpExporterSettings s) {
            assertEquals(expected.get(type), s.compression());
            assertEquals("proto", s.encoding());
            assertEquals(java.time.Duration.ofSeconds(30), s.timeout());
        } else if (d instanceof io.meltgate.exporter.jaeger.JaegerExporterSettings s) {
            assertEquals(expected.get(type), s.compression());
            assertEquals(EnumSet.of(Signal.TRACES), f.signals());
        }
    }
}
