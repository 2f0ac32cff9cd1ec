package io.meltgate.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.meltgate.config.ConfigLoader;
import io.meltgate.config.LoadedConfig;
import io.meltgate.core.component.ComponentCatalog;
import io.meltgate.core.component.ComponentId;
import io.meltgate.exporter.loadbalancing.LoadBalancingSettings;
import io.meltgate.processor.probabilisticsampler.ProbabilisticSamplerSettings;
import io.meltgate.processor.tailsampling.TailSamplingSettings;
import io.meltgate.processor.tailsampling.policy.PolicySettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The ready configurations of examples/two-tier load and bind as documented. */
class SamplingExampleConfigsTest {

    private static final Path DIR = Path.of("..", "examples", "two-tier");
    private static final Map<String, String> ENV = Map.of("LOADBALANCER_ENDPOINT", "lb:4317",
            "BACKEND_ENDPOINT", "tempo:4317");

    private static LoadedConfig load(String file) throws Exception {
        return new ConfigLoader(ComponentCatalog.load(), ENV::get).loadFiles(List.of(DIR.resolve(file)));
    }

    @Test
    void samplerBindsEveryPolicy() throws Exception {
        LoadedConfig c = load("sampler.yaml");
        TailSamplingSettings s = (TailSamplingSettings) c.service().processors()
                .get(ComponentId.of("tail_sampling")).settings();
        assertEquals(Duration.ofSeconds(10), s.decisionWait());
        assertEquals(100_000, s.numTraces());
        assertEquals(500_000, s.decisionCache().nonSampledCacheSize());
        assertEquals(List.of("no-health-checks", "errors", "slow", "ten-percent"),
                s.policies().stream().map(PolicySettings::name).toList());
        PolicySettings drop = s.policies().get(0);
        assertTrue(drop.drop().dropSubPolicy().get(0).stringAttribute().enabledRegexMatching());
        assertEquals(2000, s.policies().get(2).latency().thresholdMs());
        assertEquals(10.0, s.policies().get(3).probabilistic().samplingPercentage());
        assertTrue(s.validate().isEmpty());
    }

    @Test
    void loadBalancerBindsTheDnsResolverAndTheOtlpProtocol() throws Exception {
        LoadedConfig c = load("loadbalancer.yaml");
        LoadBalancingSettings s = (LoadBalancingSettings) c.service().exporters()
                .get(ComponentId.of("loadbalancing")).settings();
        assertEquals("traceID", s.routingKey());
        assertEquals(4317, s.resolver().dns().port());
        assertEquals(Duration.ofSeconds(1), s.resolver().dns().timeout());
        assertTrue(s.protocol().otlp().tls().insecure());
        assertEquals(10_000, s.protocol().otlp().sendingQueue().queueSize());
    }

    @Test
    void sidecarBindsTheHeadSampler() throws Exception {
        LoadedConfig c = load("sidecar.yaml");
        ProbabilisticSamplerSettings s = (ProbabilisticSamplerSettings) c.service().processors()
                .get(ComponentId.of("probabilistic_sampler")).settings();
        assertEquals("proportional", s.mode());
        assertEquals(50.0, s.samplingPercentage());
        assertTrue(s.failClosed());
    }
}
