package io.meltgate.exporter.fluentforward;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.meltgate.core.component.ComponentCatalog;
import io.meltgate.core.component.ComponentKind;
import io.meltgate.core.signal.Signal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class FluentForwardExporterFactoryTest {

    private final FluentForwardExporterFactory factory = new FluentForwardExporterFactory();

    @Test
    void isFoundByItsTypeAndDefaultsAreTheProposedComponents() {
        assertTrue(ComponentCatalog.load().find(ComponentKind.EXPORTER, "fluentforward").isPresent());
        FluentForwardExporterSettings d = factory.defaultSettings();
        assertEquals(List.of(), d.validate());
        assertEquals("localhost:24224", d.endpoint().tcpAddr());
        assertEquals(Duration.ofSeconds(30), d.connectionTimeout());
        assertTrue(d.tls().insecure());
        assertEquals("tag", d.tag());
        assertEquals(10, d.maxConnectionsPerEndpoint());
        assertEquals(java.util.Set.of(Signal.LOGS), factory.signals());
    }

    private static FluentForwardExporterSettings with(UnaryOperator<Object[]> change) {
        FluentForwardExporterSettings d = new FluentForwardExporterFactory().defaultSettings();
        Object[] f = {d.endpoint(), d.endpoints(), d.connectionTimeout(), d.tls(), d.sharedKey(), d.username(),
            d.password(), d.selfHostname(), d.requireAck(), d.tag(), d.compressGzip(), d.defaultLabelsEnabled(),
            d.recoverWait(), d.maxConnectionsPerEndpoint(), d.sendingQueue(), d.retryOnFailure(), d.timeout()};
        f = change.apply(f);
        @SuppressWarnings("unchecked")
        FluentForwardExporterSettings s = new FluentForwardExporterSettings(
                (FluentForwardExporterSettings.Endpoint) f[0], (List<FluentForwardExporterSettings.Endpoint>) f[1],
                (Duration) f[2], (io.meltgate.core.tls.TlsClientSettings) f[3], (String) f[4], (String) f[5],
                (String) f[6], (String) f[7], (boolean) f[8], (String) f[9], (boolean) f[10],
                (Map<String, Boolean>) f[11], (Duration) f[12], (int) f[13],
                (io.meltgate.core.delivery.QueueSettings) f[14], (io.meltgate.core.delivery.RetrySettings) f[15],
                (Duration) f[16]);
        return s;
    }

    @Test
    void validationNamesEveryProblem() {
        record Case(String name, UnaryOperator<Object[]> change, String problem) {
        }
        List<Case> cases = List.of(
                new Case("no endpoint", f -> { f[0] = null; return f; }, "endpoint.tcp_addr is required"),
                new Case("empty tag", f -> { f[9] = ""; return f; }, "tag must not be empty"),
                new Case("user without key", f -> { f[5] = "alice"; return f; }, "username/password need shared_key"),
                new Case("unknown label", f -> { f[11] = Map.of("job", false); return f; }, "unknown label 'job'"),
                new Case("no connection", f -> { f[13] = 0; return f; }, "max_connections_per_endpoint must be between 1 and 64"),
                new Case("negative timeout", f -> { f[16] = Duration.ofSeconds(-1); return f; }, "timeout must not be negative"));
        for (Case c : cases) {
            List<String> problems = with(c.change()).validate();
            assertTrue(problems.stream().anyMatch(p -> p.contains(c.problem())), c.name() + ": " + problems);
        }
        assertEquals(List.of("tcp_addr 'nohost' must be host:port"),
                new FluentForwardExporterSettings.Endpoint("nohost", false, 60, false).validate());
        assertEquals(List.of("weight must be positive, got 0"),
                new FluentForwardExporterSettings.Endpoint("h:1", false, 0, false).validate());
    }
}
