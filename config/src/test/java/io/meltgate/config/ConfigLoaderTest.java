package io.meltgate.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.meltgate.config.TestComponents.QueuedSettings;
import io.meltgate.config.TestComponents.ReceiverSettings;
import io.meltgate.core.component.ComponentId;
import io.meltgate.core.health.check.HealthCheckSettings;
import io.meltgate.core.pipeline.PipelineId;
import io.meltgate.core.service.PipelineSpec;
import io.meltgate.core.service.ServiceSpec;
import io.meltgate.core.service.TelemetrySpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    /** A valid configuration; the line numbers matter to the tests below. */
    static final String VALID = """
            receivers:
              tracer:
              anysource/main:
                grpc:
                  endpoint: 0.0.0.0:4317
            processors:
              pass:
            exporters:
              sink:
              queued/backend:
                endpoint: backend:4317
                sending_queue:
                  queue_size: 100
            extensions:
              health_check:
            service:
              extensions: [health_check]
              pipelines:
                traces:
                  receivers: [tracer, anysource/main]
                  processors: [pass]
                  exporters: [sink, queued/backend]
                metrics/2:
                  receivers: [anysource/main]
                  exporters: [queued/backend]
                  ring_size: 4096
            """;

    private static final Map<String, String> ENV = Map.of("BACKEND", "gateway.internal:4317", "QUEUE", "250");

    static LoadedConfig load(String... yamls) throws ConfigException {
        List<ConfigSource> sources = new java.util.ArrayList<>();
        for (int i = 0; i < yamls.length; i++) {
            sources.add(new ConfigSource("config" + (i + 1) + ".yaml", yamls[i]));
        }
        return new ConfigLoader(TestComponents.catalog(), ENV::get).load(sources);
    }

    static List<ConfigError> errorsOf(String... yamls) {
        try {
            load(yamls);
        } catch (ConfigException e) {
            return e.errors();
        }
        return fail("expected configuration errors");
    }

    /** Asserts that exactly one error was found, at this path and line, with this text in its message. */
    static void assertOnlyError(List<ConfigError> errors, String path, int line, String fragment) {
        assertEquals(1, errors.size(), () -> "errors: " + errors);
        assertError(errors.get(0), path, line, fragment);
    }

    static void assertError(ConfigError e, String path, int line, String fragment) {
        assertEquals(path, e.path(), e::toString);
        assertEquals(line, e.location().line(), e::toString);
        assertTrue(e.message().contains(fragment), () -> "message: " + e.message());
        String shownAs = path.isEmpty() ? e.location().source() : path;
        assertTrue(e.toString().startsWith(shownAs + " (line " + line + "): "), e::toString);
    }

    @Test
    void validConfigurationBecomesAServiceSpec() throws Exception {
        LoadedConfig loaded = load(VALID);
        ServiceSpec spec = loaded.service();
        assertEquals(List.of(PipelineId.parse("traces"), PipelineId.parse("metrics/2")),
                spec.pipelines().stream().map(PipelineSpec::id).toList());
        PipelineSpec traces = spec.pipelines().get(0);
        assertEquals(List.of(ComponentId.parse("tracer"), ComponentId.parse("anysource/main")), traces.receivers());
        assertEquals(List.of(ComponentId.of("pass")), traces.processors());
        assertEquals(List.of(ComponentId.of("sink"), ComponentId.parse("queued/backend")), traces.exporters());
        assertEquals(PipelineSpec.DEFAULT_RING_SIZE, traces.ringSize());
        assertEquals(4096, spec.pipelines().get(1).ringSize());
        assertEquals(List.of(ComponentId.of("health_check")), spec.enabledExtensions());

        QueuedSettings queued = (QueuedSettings) spec.exporters().get(ComponentId.parse("queued/backend")).settings();
        assertEquals("backend:4317", queued.endpoint());
        assertEquals(100, queued.sendingQueue().queueSize());
        assertEquals(10, queued.sendingQueue().numConsumers(), "unset nested options keep the factory's defaults");
        assertEquals(Duration.ofSeconds(5), queued.retryOnFailure().initialInterval());
        ReceiverSettings tracer = (ReceiverSettings) spec.receivers().get(ComponentId.of("tracer")).settings();
        assertEquals("localhost:4317", tracer.grpc().endpoint(), "an empty section is the defaults");
        assertEquals("0.0.0.0:4317",
                ((ReceiverSettings) spec.receivers().get(ComponentId.parse("anysource/main")).settings()).grpc().endpoint());
        assertEquals(TelemetrySpec.DEFAULT, spec.telemetry());
        assertEquals(ServiceSpec.DEFAULT_SHUTDOWN_TIMEOUT, spec.shutdownTimeout());
        assertTrue(loaded.warnings().isEmpty());
    }

    @Test
    void yamlSyntaxError() {
        List<ConfigError> errors = errorsOf("receivers:\n  tracer: [a\nservice: {}\n");
        assertOnlyError(errors, "", 3, "invalid YAML: while parsing a flow sequence: expected ',' or ']'");
        assertEquals("config1.yaml (line 3): invalid YAML: while parsing a flow sequence: expected ',' or ']', but got :",
                errors.get(0).toString());
    }

    @Test
    void duplicateKey() {
        assertOnlyError(errorsOf(VALID.replace("  sink:\n", "  sink:\n  sink:\n")), "", 10,
                "key 'sink' is already defined at line 9");
    }

    @Test
    void unknownComponentTypeNamesTheKnownOnes() {
        assertOnlyError(errorsOf(VALID.replace("  sink:\n", "  sink:\n  kafka:\n")), "exporters::kafka", 10,
                "unknown exporter type 'kafka'; known exporters: queued, sink");
    }

    @Test
    void pipelineReferenceToAComponentOfUnknownTypeIsNotReportedTwice() {
        List<ConfigError> errors = errorsOf(VALID.replace("  tracer:\n", "  tracerr:\n").replace("[tracer,", "[tracerr,"));
        assertOnlyError(errors, "receivers::tracerr", 2, "unknown receiver type 'tracerr'; known receivers: anysource, tracer");
    }

    @Test
    void unknownOptionKey() {
        assertOnlyError(errorsOf(VALID.replace("queue_size: 100", "queue_sise: 100")),
                "exporters::queued/backend::sending_queue::queue_sise", 13, "unknown option 'queue_sise'; valid options here: enabled, num_consumers, queue_size");
    }

    @Test
    void badValueType() {
        assertOnlyError(errorsOf(VALID.replace("queue_size: 100", "queue_size: lots")),
                "exporters::queued/backend::sending_queue::queue_size", 13, "expected an integer, got a string 'lots'");
    }

    @Test
    void settingsValidateProblemPointsAtTheOption() {
        assertOnlyError(errorsOf(VALID.replace("queue_size: 100", "queue_size: 0")),
                "exporters::queued/backend::sending_queue::queue_size", 13, "queue_size must be positive, got 0");
    }

    @Test
    void settingsValidateProblemOfAnOptionLeftAtItsDefaultPointsAtTheComponent() {
        assertOnlyError(errorsOf(VALID.replace("    endpoint: backend:4317\n", "")),
                "exporters::queued/backend", 10, "endpoint must be set");
    }

    @Test
    void emptySectionIsValidatedToo() {
        assertOnlyError(errorsOf(VALID.replace("  queued/backend:\n    endpoint: backend:4317\n    sending_queue:\n      queue_size: 100\n",
                "  queued/backend:\n")), "exporters::queued/backend", 10, "endpoint must be set");
    }

    @Test
    void pipelineNamingAnUndefinedComponent() {
        assertOnlyError(errorsOf(VALID.replace("exporters: [sink, queued/backend]", "exporters: [sink, queued/other]")),
                "service::pipelines::traces::exporters[1]", 22,
                "pipeline traces references exporter 'queued/other', which is not defined under 'exporters' (defined: ");
    }

    @Test
    void undefinedProcessor() {
        assertOnlyError(errorsOf(VALID.replace("processors: [pass]", "processors: [pass, batch]")),
                "service::pipelines::traces::processors[1]", 21, "references processor 'batch', which is not defined");
    }

    @Test
    void componentThatDoesNotSupportThePipelinesSignal() {
        assertOnlyError(errorsOf(VALID.replace("receivers: [anysource/main]", "receivers: [anysource/main, tracer]")),
                "service::pipelines::metrics/2::receivers[1]", 24,
                "receiver 'tracer' does not support metrics (type tracer supports traces)");
    }

    @Test
    void exporterThatDoesNotSupportLogs() {
        String yaml = VALID + "    logs:\n      receivers: [anysource/main]\n      exporters: [queued/backend]\n";
        assertOnlyError(errorsOf(yaml), "service::pipelines::logs::exporters[0]", 29,
                "exporter 'queued/backend' does not support logs (type queued supports traces, metrics)");
    }

    @Test
    void pipelineWithNoReceiver() {
        assertOnlyError(errorsOf(VALID.replace("      receivers: [anysource/main]\n", "")),
                "service::pipelines::metrics/2::receivers", 23, "pipeline metrics/2 must have at least one receiver");
    }

    @Test
    void pipelineWithAnEmptyReceiverList() {
        assertOnlyError(errorsOf(VALID.replace("receivers: [anysource/main]", "receivers: []")),
                "service::pipelines::metrics/2::receivers", 24, "must have at least one receiver");
    }

    @Test
    void pipelineWithNoExporter() {
        assertOnlyError(errorsOf(VALID.replace("      exporters: [queued/backend]\n", "")),
                "service::pipelines::metrics/2::exporters", 23, "pipeline metrics/2 must have at least one exporter");
    }

    @Test
    void componentListedTwiceInAPipeline() {
        assertOnlyError(errorsOf(VALID.replace("[sink, queued/backend]", "[sink, sink]")),
                "service::pipelines::traces::exporters[1]", 22, "lists exporter 'sink' more than once");
    }

    @Test
    void badComponentIds() {
        List<ConfigError> errors = errorsOf(VALID.replace("  sink:\n", "  sink:\n  sink/:\n  9lives:\n"));
        assertEquals(2, errors.size(), errors::toString);
        assertError(errors.get(0), "exporters::sink/", 10, "empty name after '/'");
        assertError(errors.get(1), "exporters::9lives", 11, "invalid component type '9lives'");
    }

    @Test
    void badPipelineId() {
        assertOnlyError(errorsOf(VALID.replace("    metrics/2:\n", "    spans/2:\n")), "service::pipelines::spans/2", 23,
                "unknown pipeline signal 'spans'");
    }

    @Test
    void ringSizeMustBeAPowerOfTwo() {
        assertOnlyError(errorsOf(VALID.replace("ring_size: 4096", "ring_size: 1000")),
                "service::pipelines::metrics/2::ring_size", 26, "ring_size must be a power of two");
        assertOnlyError(errorsOf(VALID.replace("ring_size: 4096", "ring_size: 0")),
                "service::pipelines::metrics/2::ring_size", 26, "power of two");
        assertOnlyError(errorsOf(VALID.replace("ring_size: 4096", "ring_size: big")),
                "service::pipelines::metrics/2::ring_size", 26, "expected an integer");
    }

    @Test
    void undefinedExtensionInServiceExtensions() {
        assertOnlyError(errorsOf(VALID.replace("extensions: [health_check]", "extensions: [health_check, pprof]")),
                "service::extensions[1]", 17, "service.extensions references extension 'pprof', which is not defined under 'extensions'");
    }

    @Test
    void connectorsAreRejected() {
        assertOnlyError(errorsOf(VALID + "connectors:\n  forward:\n"), "connectors", 27, "connectors are not supported by meltgate");
    }

    @Test
    void unknownTopLevelSectionAndUnknownPipelineKey() {
        List<ConfigError> errors = errorsOf(VALID.replace("      ring_size: 4096\n", "      ring_sise: 4096\n") + "recievers:\n");
        assertEquals(2, errors.size(), errors::toString);
        assertError(errors.get(0), "recievers", 27, "unknown top-level section 'recievers'");
        assertError(errors.get(1), "service::pipelines::metrics/2::ring_sise", 26, "unknown option 'ring_sise'");
    }

    @Test
    void missingServiceAndEmptyPipelines() {
        assertOnlyError(errorsOf("receivers:\n  tracer:\n"), "service", 1, "missing 'service'");
        assertOnlyError(errorsOf("service:\n  pipelines: {}\n"), "service::pipelines", 2, "at least one pipeline is required");
    }

    @Test
    void everyErrorIsReportedAtOnce() {
        String yaml = VALID
                .replace("queue_size: 100", "queue_size: -5")
                .replace("  sink:\n", "  sink:\n    verbosity: [x]\n")
                .replace("processors: [pass]", "processors: [pass, ghost]")
                .replace("ring_size: 4096", "ring_size: 3")
                .replace("extensions: [health_check]", "extensions: [health_check, zpages]");
        List<ConfigError> errors = errorsOf(yaml);
        List<String> paths = errors.stream().map(ConfigError::path).toList();
        assertEquals(List.of(
                "exporters::sink::verbosity",
                "exporters::queued/backend::sending_queue::queue_size",
                "service::pipelines::traces::processors[1]",
                "service::pipelines::metrics/2::ring_size",
                "service::extensions[0]".replace("[0]", "[1]")), paths, errors::toString);
    }

    @Test
    void environmentIsExpandedInValuesBeforeBinding() throws Exception {
        LoadedConfig loaded = load(VALID.replace("endpoint: backend:4317", "endpoint: ${env:BACKEND}")
                .replace("queue_size: 100", "queue_size: ${QUEUE}"));
        QueuedSettings q = (QueuedSettings) loaded.service().exporters().get(ComponentId.parse("queued/backend")).settings();
        assertEquals("gateway.internal:4317", q.endpoint());
        assertEquals(250, q.sendingQueue().queueSize());
    }

    @Test
    void unsetVariableGivesAWarningAndAnEmptyValue() {
        List<ConfigError> errors = errorsOf(VALID.replace("endpoint: backend:4317", "endpoint: ${env:NOPE}"));
        // The empty endpoint then fails the exporter's own validation, at the option.
        assertOnlyError(errors, "exporters::queued/backend::endpoint", 11, "endpoint must be set");
    }

    @Test
    void severalFilesMergeDeeplyLaterWins() throws Exception {
        String override = """
                exporters:
                  queued/backend:
                    sending_queue:
                      num_consumers: 2
                service:
                  pipelines:
                    traces:
                      exporters: [sink]
                """;
        ServiceSpec spec = load(VALID, override).service();
        QueuedSettings q = (QueuedSettings) spec.exporters().get(ComponentId.parse("queued/backend")).settings();
        assertEquals(2, q.sendingQueue().numConsumers(), "the later file's value");
        assertEquals(100, q.sendingQueue().queueSize(), "the earlier file's sibling value survives the merge");
        assertEquals("backend:4317", q.endpoint());
        PipelineSpec traces = spec.pipelines().get(0);
        assertEquals(List.of(ComponentId.of("sink")), traces.exporters(), "lists are replaced, not appended");
        assertEquals(List.of(ComponentId.of("pass")), traces.processors(), "keys only the first file sets stay");
    }

    @Test
    void aFileCanAddComponentsAndPipelines() throws Exception {
        String base = """
                receivers:
                  tracer:
                exporters:
                  sink:
                service:
                  pipelines:
                    traces:
                      receivers: [tracer]
                      exporters: [sink]
                """;
        String more = """
                receivers:
                  anysource:
                service:
                  pipelines:
                    logs:
                      receivers: [anysource]
                      exporters: [sink]
                """;
        ServiceSpec spec = load(base, more).service();
        assertEquals("traces,logs", spec.pipelines().stream().map(p -> p.id().toString()).collect(Collectors.joining(",")));
        assertEquals(2, spec.receivers().size());
    }

    @Test
    void errorsFromSeveralFilesNameTheFile() {
        ConfigException e = assertThrows(ConfigException.class, () -> load(VALID, "exporters:\n  sink:\n    verbosty: x\n"));
        assertEquals(List.of("exporters::sink::verbosty (line 3 of config2.yaml): unknown option 'verbosty'; valid options here: verbosity"),
                e.lines());
    }

    @Test
    void loadsFilesAndReportsOnesThatCannotBeRead(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("pipeline.yaml");
        Files.writeString(file, VALID);
        ConfigLoader loader = new ConfigLoader(TestComponents.catalog(), ENV::get);
        assertEquals(2, loader.loadFiles(List.of(file)).service().pipelines().size());
        ConfigException e = assertThrows(ConfigException.class, () -> loader.loadFiles(List.of(file, dir.resolve("missing.yaml"))));
        assertEquals(1, e.errors().size());
        assertTrue(e.lines().get(0).contains("cannot read configuration file"), e.lines().get(0));
        assertTrue(e.lines().get(0).contains("missing.yaml"), e.lines().get(0));
    }

    @Test
    void healthCheckBindsWithTheCollectorsOptions() throws Exception {
        String yaml = VALID.replace("  health_check:\n", """
                  health_check:
                    endpoint: 0.0.0.0:13134
                    path: /health/status
                    response_body:
                      healthy: I'm OK
                    check_collector_pipeline:
                      enabled: false
                      interval: 5m
                      exporter_failure_threshold: 5
                """);
        HealthCheckSettings s = (HealthCheckSettings) load(yaml).service().extensions().get(ComponentId.of("health_check")).settings();
        assertEquals("0.0.0.0:13134", s.endpoint());
        assertEquals("/health/status", s.path());
        assertEquals("I'm OK", s.responseBody().healthy());
        assertEquals(Duration.ofMinutes(5), s.checkCollectorPipeline().interval());
        HealthCheckSettings d = (HealthCheckSettings) load(VALID).service().extensions().get(ComponentId.of("health_check")).settings();
        assertEquals("localhost:13133", d.endpoint());
        assertEquals("/", d.path());
    }

    @Test
    void healthCheckPathMustStartWithSlash() {
        assertOnlyError(errorsOf(VALID.replace("  health_check:\n", "  health_check:\n    path: health\n")),
                "extensions::health_check::path", 16, "path must start with /");
    }

    @Test
    void unusedComponentsAreStillValidated() {
        assertFalse(errorsOf(VALID.replace("  sink:\n", "  sink:\n  sink/unused:\n    verbosity: {a: b}\n")).isEmpty());
    }
}
