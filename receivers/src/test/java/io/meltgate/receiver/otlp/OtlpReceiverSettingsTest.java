package io.meltgate.receiver.otlp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.meltgate.core.component.ComponentCatalog;
import io.meltgate.core.component.ComponentKind;
import io.meltgate.core.signal.Signal;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The factory is found by its YAML name; defaults and validation are the Collector's. */
class OtlpReceiverSettingsTest {

    @Test
    void theFactoryIsRegisteredUnderOtlpForEverySignal() {
        var factory = ComponentCatalog.load().find(ComponentKind.RECEIVER, "otlp").orElseThrow();
        assertTrue(factory instanceof OtlpReceiverFactory);
        assertEquals(EnumSet.allOf(Signal.class), factory.signals());
    }

    @Test
    void noProtocolIsOnUntilItsKeyIsPresentAndAtLeastOneMustBe() {
        OtlpReceiverSettings d = new OtlpReceiverFactory().defaultSettings();
        assertNull(d.protocols().grpc());
        assertNull(d.protocols().http());
        assertEquals(List.of("must specify at least one protocol when using the OTLP receiver (protocols.grpc or protocols.http)"),
                d.validate());
        assertEquals(List.of(), new OtlpReceiverSettings(new OtlpReceiverSettings.Protocols(OtlpGrpcSettings.defaults(), null)).validate());
    }

    @Test
    void grpcDefaultsAreTheCollectors() {
        OtlpGrpcSettings g = OtlpGrpcSettings.defaults();
        assertEquals("localhost:4317", g.endpoint());
        assertEquals("tcp", g.transport());
        assertEquals(4, g.maxRecvMsgSizeMib());
        assertEquals(4 * 1024 * 1024, g.maxRecvMsgSizeBytes());
        assertEquals(512 * 1024, g.readBufferSize());
        assertEquals(0, g.writeBufferSize());
        assertEquals(0, g.maxConcurrentStreams());
        assertNull(g.tls());
        assertNull(g.keepalive());
        assertEquals(false, g.includeMetadata());
        assertEquals(List.of(), g.validate());
    }

    @Test
    void httpDefaultsAreTheCollectors() {
        OtlpHttpSettings h = OtlpHttpSettings.defaults();
        assertEquals("localhost:4318", h.endpoint());
        assertEquals("/v1/traces", h.tracesUrlPath());
        assertEquals("/v1/metrics", h.metricsUrlPath());
        assertEquals("/v1/logs", h.logsUrlPath());
        assertEquals(20L * 1024 * 1024, h.maxRequestBodySize());
        assertNull(h.cors());
        assertNull(h.tls());
        assertEquals(Duration.ofMinutes(1), h.idleTimeout());
        assertEquals(List.of(), h.validate());
    }

    @Test
    void pathsAreNormalizedAsTheCollectorDoes() {
        OtlpHttpSettings h = new OtlpHttpSettings("localhost:4318", null, null, 0, false, Map.of(), Duration.ZERO,
                "custom/traces", "", null);
        assertEquals("/custom/traces", h.tracesUrlPath());
        assertEquals("/v1/metrics", h.metricsUrlPath());
        assertEquals("/v1/logs", h.logsUrlPath());
        assertEquals(20 * 1024 * 1024, h.maxRequestBodyBytes(), "0 means the default limit");
    }

    @Test
    void validationNamesEveryBadOption() {
        OtlpGrpcSettings g = new OtlpGrpcSettings("no-port", "udp", null, -1, -2, -3, 0,
                new OtlpGrpcSettings.Keepalive(new OtlpGrpcSettings.ServerParameters(Duration.ofSeconds(-1), null, null, null, null),
                        new OtlpGrpcSettings.EnforcementPolicy(Duration.ofSeconds(-1), false)), false);
        List<String> problems = g.validate();
        assertEquals(7, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("endpoint"));
        OtlpHttpSettings h = new OtlpHttpSettings("host:99999", null, null, -1, false, Map.of(), Duration.ofSeconds(-1),
                "/same", "/same", "/logs");
        assertEquals(4, h.validate().size(), h.validate().toString());
    }
}
