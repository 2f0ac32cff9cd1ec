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

    @Test
    void staticResolverCompositeAndOttlPoliciesBind(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path file = dir.resolve("c.yaml");
        java.nio.file.Files.writeString(file, """
                receivers:
                  otlp:
                    protocols:
                      grpc:
                        endpoint: 127.0.0.1:4317
                processors:
                  tail_sampling:
                    policies:
                      - name: budget
                        type: composite
                        composite:
                          max_total_spans_per_second: 1000
                          policy_order: [errors, rest]
                          composite_sub_policy:
                            - {name: errors, type: status_code, status_code: {status_codes: [ERROR]}}
                            - name: rest
                              type: and
                              and:
                                and_sub_policy:
                                  - {name: web, type: string_attribute, string_attribute: {key: service.name, values: [web], invert_match: true}}
                                  - {name: all, type: always_sample}
                          rate_allocation:
                            - {policy: errors, percent: 60}
                            - {policy: rest, percent: 40}
                      - name: checkout
                        type: ottl_condition
                        ottl_condition:
                          error_mode: ignore
                          span: ['resource.attributes["service.name"] == "checkout"']
                exporters:
                  loadbalancing:
                    routing_key: service
                    protocol:
                      otlp:
                        tls: {insecure: true}
                    resolver:
                      static:
                        hostnames: [sampler-1, "sampler-2:5317"]
                service:
                  pipelines:
                    traces:
                      receivers: [otlp]
                      processors: [tail_sampling]
                      exporters: [loadbalancing]
                """);
        LoadedConfig c = new ConfigLoader(ComponentCatalog.load(), ENV::get).loadFiles(List.of(file));
        TailSamplingSettings ts = (TailSamplingSettings) c.service().processors()
                .get(ComponentId.of("tail_sampling")).settings();
        PolicySettings.Composite comp = ts.policies().get(0).composite();
        assertEquals(1000, comp.maxTotalSpansPerSecond());
        assertEquals(60, comp.rateAllocation().get(0).percent());
        assertTrue(comp.compositeSubPolicy().get(1).and().andSubPolicy().get(0).stringAttribute().invertMatch());
        assertEquals("ignore", ts.policies().get(1).ottlCondition().errorMode());
        assertEquals(Duration.ofSeconds(30), ts.decisionWait(), "defaults kept");
        LoadBalancingSettings lb = (LoadBalancingSettings) c.service().exporters()
                .get(ComponentId.of("loadbalancing")).settings();
        assertEquals(List.of("sampler-1", "sampler-2:5317"), lb.resolver().staticResolver().hostnames());
        assertEquals(null, lb.resolver().dns());
    }
}
