package io.meltgate.config.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.meltgate.config.ConfigError;
import io.meltgate.config.ConfigException;
import io.meltgate.config.ConfigLoader;
import io.meltgate.config.ConfigSource;
import io.meltgate.config.LoadedConfig;
import io.meltgate.config.TestComponents;
import io.meltgate.core.component.ComponentCatalog;
import io.meltgate.core.service.TelemetrySpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code service.telemetry}: metrics level and address in both forms, logs options, what is rejected. */
class TelemetryConfigTest {

    /** The pipeline part is irrelevant here; an extension-only service is not valid, so we need a pipeline. */
    private static final String HEAD = """
            receivers:
              tracer:
            exporters:
              sink:
            service:
              pipelines:
                traces:
                  receivers: [tracer]
                  exporters: [sink]
              telemetry:
            """;

    private static LoadedConfig load(String telemetry) throws ConfigException {
        ComponentCatalog catalog = TestComponents.catalog();
        return new ConfigLoader(catalog, Map.<String, String>of("MPORT", "9999")::get)
                .load(List.of(new ConfigSource("t.yaml", HEAD + telemetry.indent(4))));
    }

    private static List<ConfigError> errors(String telemetry) {
        try {
            load(telemetry);
        } catch (ConfigException e) {
            return e.errors();
        }
        return fail("expected errors");
    }

    @Test
    void defaultsAreTheCollectors() throws Exception {
        LoadedConfig c = load("");
        assertEquals(new TelemetrySpec(true, "localhost", 8888, "info"), c.service().telemetry());
        assertEquals("json", c.telemetry().logs().encoding());
        assertFalse(c.telemetry().logs().toStdout());
    }

    @Test
    void currentReadersForm() throws Exception {
        LoadedConfig c = load("""
                metrics:
                  level: detailed
                  readers:
                    - pull:
                        exporter:
                          prometheus:
                            host: 0.0.0.0
                            port: ${env:MPORT}
                """);
        assertEquals(new TelemetrySpec(true, "0.0.0.0", 9999, "info"), c.service().telemetry());
    }

    @Test
    void readerWithoutHostKeepsLocalhost() throws Exception {
        LoadedConfig c = load("metrics:\n  readers: [{pull: {exporter: {prometheus: {port: 0}}}}]\n");
        assertEquals(new TelemetrySpec(true, "localhost", 0, "info"), c.service().telemetry());
    }

    @Test
    void olderAddressForm() throws Exception {
        assertEquals(new TelemetrySpec(true, "127.0.0.1", 18888, "info"), load("metrics:\n  address: 127.0.0.1:18888\n").service().telemetry());
        assertEquals(new TelemetrySpec(true, "0.0.0.0", 8889, "info"), load("metrics:\n  address: :8889\n").service().telemetry());
    }

    @Test
    void levelNoneTurnsTheEndpointOff() throws Exception {
        assertFalse(load("metrics:\n  level: none\n").service().telemetry().metricsEnabled());
        assertFalse(load("metrics:\n  level: none\n  readers: []\n").service().telemetry().metricsEnabled());
    }

    @Test
    void logsOptions() throws Exception {
        LoadedConfig c = load("""
                logs:
                  level: DEBUG
                  encoding: console
                  disable_caller: true
                  disable_stacktrace: true
                  output_paths: [stdout]
                  error_output_paths: [stderr]
                  initial_fields:
                    service: gateway-eu
                  sampling:
                    enabled: false
                resource:
                  service.name: meltgate-eu
                traces:
                  level: none
                """);
        LogsTelemetry logs = c.telemetry().logs();
        assertEquals("debug", c.service().telemetry().logLevel());
        assertEquals("console", logs.encoding());
        assertTrue(logs.disableCaller());
        assertTrue(logs.disableStacktrace());
        assertTrue(logs.toStdout());
        assertEquals(Map.of("service", "gateway-eu"), logs.initialFields());
        assertEquals(Map.of("service.name", "meltgate-eu"), c.telemetry().resource());
    }

    private static void assertOnly(List<ConfigError> errors, String path, int line, String fragment) {
        assertEquals(1, errors.size(), errors::toString);
        ConfigError e = errors.get(0);
        assertEquals(path, e.path(), e::toString);
        assertEquals(line, e.location().line(), e::toString);
        assertTrue(e.message().contains(fragment), e::toString);
    }

    @Test
    void rejectsWhatItCannotHonourWithPathAndLine() {
        assertOnly(errors("metrics:\n  level: verbose\n"), "service::telemetry::metrics::level", 12, "level must be one of none, basic, normal, detailed");
        assertOnly(errors("metrics:\n  readers: []\n"), "service::telemetry::metrics::readers", 12, "at least one reader");
        assertOnly(errors("metrics:\n  address: localhost\n"), "service::telemetry::metrics::address", 12, "expected host:port");
        assertOnly(errors("metrics:\n  address: :1\n  readers: [{pull: {exporter: {prometheus: {port: 2}}}}]\n"),
                "service::telemetry::metrics::address", 12, "not both");
        assertOnly(errors("metrics:\n  readers:\n    - periodic: {}\n"), "service::telemetry::metrics::readers[0]::periodic", 13,
                "unknown option 'periodic'; valid options here: pull");
        assertOnly(errors("metrics:\n  views: []\n"), "service::telemetry::metrics::views", 12, "unknown option 'views'");
        assertOnly(errors("logs:\n  level: loud\n"), "service::telemetry::logs::level", 12, "level must be one of debug, info");
        assertOnly(errors("logs:\n  encoding: xml\n"), "service::telemetry::logs::encoding", 12, "encoding must be json or console");
        assertOnly(errors("logs:\n  output_paths: [/var/log/meltgate.log]\n"), "service::telemetry::logs::output_paths", 12, "stdout or stderr only");
        assertOnly(errors("logs:\n  sampling:\n    enabled: true\n"), "service::telemetry::logs::sampling::enabled", 13,
                "log sampling is not supported");
        assertOnly(errors("logs:\n  processors: []\n"), "service::telemetry::logs::processors", 12, "unknown option 'processors'");
        assertOnly(errors("traces:\n  processors: []\n"), "service::telemetry::traces::processors", 12, "unknown option 'processors'");
        assertOnly(errors("tracing: {}\n"), "service::telemetry::tracing", 11, "unknown option 'tracing'; valid options here: logs, metrics, traces, resource");
    }
}
