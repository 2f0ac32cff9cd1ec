package io.meltgate.exporter.debug;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.meltgate.core.component.ComponentContext;
import io.meltgate.core.component.ComponentId;
import io.meltgate.core.component.ComponentKind;
import io.meltgate.core.component.Exporter;
import io.meltgate.core.data.LogBatch;
import io.meltgate.core.data.RequestMetadata;
import io.meltgate.core.data.SpanBatch;
import io.meltgate.core.health.HealthReporter;
import io.meltgate.core.signal.Signal;
import io.meltgate.core.testing.OtlpFixtures;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DebugExporterTest {

    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final OtlpFixtures fixtures = new OtlpFixtures(1);

    private Exporter exporter(Verbosity verbosity) throws Exception {
        DebugFactory f = new DebugFactory(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        Exporter e = f.create(new ComponentContext(ComponentId.of("debug"), ComponentKind.EXPORTER, meters,
                HealthReporter.NONE), new DebugSettings(verbosity, 100, 1), Set.of(Signal.TRACES, Signal.LOGS));
        e.start();
        return e;
    }

    private String printed() {
        return buffer.toString(StandardCharsets.UTF_8);
    }

    @Test
    void basicPrintsOneLineOfCountsAndCountsSentItems() throws Exception {
        Exporter e = exporter(Verbosity.BASIC);
        e.consume(SpanBatch.of(fixtures.traceRequest(4), RequestMetadata.EMPTY));
        e.shutdown();
        assertEquals("debug traces: resources=1 spans=4\n", printed());
        assertEquals(4.0, meters.get("otelcol_exporter_sent_spans").counter().count());
    }

    @Test
    void normalPrintsOneLinePerItem() throws Exception {
        Exporter e = exporter(Verbosity.NORMAL);
        e.consume(LogBatch.of(fixtures.logsRequest(10), RequestMetadata.EMPTY));
        e.shutdown();
        String[] lines = printed().split("\n");
        assertEquals(11, lines.length);
        assertTrue(lines[1].contains("Task task-"), lines[1]);
        assertTrue(lines[10].endsWith("event_name=task.completed"), lines[10]);
    }

    @Test
    void detailedPrintsEveryField() throws Exception {
        Exporter e = exporter(Verbosity.DETAILED);
        e.consume(SpanBatch.of(fixtures.traceRequest(1), RequestMetadata.EMPTY));
        e.shutdown();
        assertTrue(printed().contains("key: \"service.name\""), printed());
        assertTrue(printed().contains("key: \"task.id\""));
    }
}
