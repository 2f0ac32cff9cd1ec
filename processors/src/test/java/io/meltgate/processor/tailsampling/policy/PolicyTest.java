package io.meltgate.processor.tailsampling.policy;

import static io.meltgate.core.testing.OtlpFixtures.bool;
import static io.meltgate.core.testing.OtlpFixtures.integer;
import static io.meltgate.core.testing.OtlpFixtures.str;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every policy type, table-driven: a policy, a trace (resource + spans), the decision the Collector gives. */
class PolicyTest {

    static final byte[] TRACE = HexFormat.of().parseHex("4bf92f3577b34da6a3ce929d0e0e4736");

    /** A span of the test trace with the given attributes, duration and status. */
    static Span span(long startMs, long endMs, Status.StatusCode code, KeyValue... attrs) {
        Span.Builder b = Span.newBuilder().setTraceId(ByteString.copyFrom(TRACE))
                .setSpanId(ByteString.copyFrom(new byte[] {1, 2, 3, 4, 5, 6, 7, (byte) startMs}))
                .setName("op").setStartTimeUnixNano(startMs * 1_000_000L).setEndTimeUnixNano(endMs * 1_000_000L)
                .setStatus(Status.newBuilder().setCode(code));
        for (KeyValue kv : attrs) {
            b.addAttributes(kv);
        }
        return b.build();
    }

    static Span ok(KeyValue... attrs) {
        return span(0, 10, Status.StatusCode.STATUS_CODE_OK, attrs);
    }

    static Resource resource(KeyValue... attrs) {
        Resource.Builder r = Resource.newBuilder();
        for (KeyValue kv : attrs) {
            r.addAttributes(kv);
        }
        return r.build();
    }

    /** Compiles one policy and evaluates it on a trace made of these spans under this resource. */
    static Decision decide(PolicySettings policy, Resource resource, Span... spans) {
        PolicyCompiler.Compiled c = PolicyCompiler.compile(List.of(policy));
        SpanPredicate[] predicates = c.predicates().toArray(SpanPredicate[]::new);
        TraceSummary t = new TraceSummary(0x4bf92f3577b34da6L, 0xa3ce929d0e0e4736L);
        long rb = TraceSummary.resourceBits(resource, predicates);
        for (Span s : spans) {
            t.add(resource, io.opentelemetry.proto.common.v1.InstrumentationScope.getDefaultInstance(), s, rb, predicates,
                    s.getSerializedSize() + 2);
        }
        return c.policies().get(0).policy().evaluate(t, System.nanoTime());
    }

    static PolicySettings p(String type) {
        return PolicySettings.of("p", type);
    }

    static final Resource NONE = Resource.getDefaultInstance();

    static Stream<Arguments> table() {
        List<Arguments> rows = new ArrayList<>();
        // always_sample
        rows.add(Arguments.of("always_sample", p("always_sample"), NONE, List.of(ok()), Decision.SAMPLED));
        // latency: duration from earliest start to latest end
        PolicySettings lat = p("latency").withLatency(new PolicySettings.Latency(100, 0));
        rows.add(Arguments.of("latency over threshold across spans", lat, NONE,
                List.of(span(0, 40, Status.StatusCode.STATUS_CODE_OK), span(60, 100, Status.StatusCode.STATUS_CODE_OK)),
                Decision.SAMPLED));
        rows.add(Arguments.of("latency under threshold", lat, NONE,
                List.of(span(0, 99, Status.StatusCode.STATUS_CODE_OK)), Decision.NOT_SAMPLED));
        PolicySettings latUpper = p("latency").withLatency(new PolicySettings.Latency(100, 200));
        rows.add(Arguments.of("latency bounded: lower bound is exclusive", latUpper, NONE,
                List.of(span(0, 100, Status.StatusCode.STATUS_CODE_OK)), Decision.NOT_SAMPLED));
        rows.add(Arguments.of("latency bounded: inside", latUpper, NONE,
                List.of(span(0, 200, Status.StatusCode.STATUS_CODE_OK)), Decision.SAMPLED));
        rows.add(Arguments.of("latency bounded: above", latUpper, NONE,
                List.of(span(0, 201, Status.StatusCode.STATUS_CODE_OK)), Decision.NOT_SAMPLED));
        // numeric_attribute on span and on resource, with inversion
        PolicySettings num = p("numeric_attribute").withNumericAttribute(
                new PolicySettings.NumericAttribute("http.status", 500, 599, false));
        rows.add(Arguments.of("numeric in range on a span", num, NONE, List.of(ok(), ok(integer("http.status", 503))),
                Decision.SAMPLED));
        rows.add(Arguments.of("numeric in range on the resource", num, resource(integer("http.status", 500)),
                List.of(ok()), Decision.SAMPLED));
        rows.add(Arguments.of("numeric out of range", num, NONE, List.of(ok(integer("http.status", 200))),
                Decision.NOT_SAMPLED));
        rows.add(Arguments.of("numeric of another type does not match", num, NONE, List.of(ok(str("http.status", "503"))),
                Decision.NOT_SAMPLED));
        PolicySettings numMinOnly = p("numeric_attribute").withNumericAttribute(
                new PolicySettings.NumericAttribute("n", 10, 0, false));
        rows.add(Arguments.of("numeric max 0 means unbounded", numMinOnly, NONE, List.of(ok(integer("n", Long.MAX_VALUE))),
                Decision.SAMPLED));
        PolicySettings numInv = p("numeric_attribute").withNumericAttribute(
                new PolicySettings.NumericAttribute("http.status", 500, 599, true));
        rows.add(Arguments.of("numeric inverted, match", numInv, NONE, List.of(ok(integer("http.status", 503))),
                Decision.INVERT_NOT_SAMPLED));
        rows.add(Arguments.of("numeric inverted, no match", numInv, NONE, List.of(ok(integer("http.status", 200))),
                Decision.INVERT_SAMPLED));
        rows.add(Arguments.of("numeric inverted, key absent samples", numInv, NONE, List.of(ok()),
                Decision.INVERT_SAMPLED));
        // probabilistic (hash values checked in ProbabilisticPolicyTest)
        rows.add(Arguments.of("probabilistic 100%", p("probabilistic").withProbabilistic(
                new PolicySettings.Probabilistic("", 100)), NONE, List.of(ok()), Decision.SAMPLED));
        rows.add(Arguments.of("probabilistic 0%", p("probabilistic").withProbabilistic(
                new PolicySettings.Probabilistic("", 0)), NONE, List.of(ok()), Decision.NOT_SAMPLED));
        // status_code
        PolicySettings err = p("status_code").withStatusCode(new PolicySettings.StatusCode(List.of("ERROR")));
        rows.add(Arguments.of("status ERROR on one span", err, NONE,
                List.of(ok(), span(0, 1, Status.StatusCode.STATUS_CODE_ERROR)), Decision.SAMPLED));
        rows.add(Arguments.of("status all OK", err, NONE, List.of(ok(), ok()), Decision.NOT_SAMPLED));
        PolicySettings unset = p("status_code").withStatusCode(new PolicySettings.StatusCode(List.of("UNSET")));
        rows.add(Arguments.of("status UNSET", unset, NONE, List.of(span(0, 1, Status.StatusCode.STATUS_CODE_UNSET)),
                Decision.SAMPLED));
        // string_attribute: exact, regex (find anywhere), inverted
        PolicySettings s = p("string_attribute").withStringAttribute(
                new PolicySettings.StringAttribute("service.name", List.of("api", "web"), false, 0, false));
        rows.add(Arguments.of("string exact on resource", s, resource(str("service.name", "web")), List.of(ok()),
                Decision.SAMPLED));
        rows.add(Arguments.of("string exact is not a prefix match", s, resource(str("service.name", "web2")),
                List.of(ok()), Decision.NOT_SAMPLED));
        PolicySettings re = p("string_attribute").withStringAttribute(
                new PolicySettings.StringAttribute("url.path", List.of("/health", "^/v1/name/.+"), true, 10, false));
        rows.add(Arguments.of("string regex finds anywhere", re, NONE, List.of(ok(str("url.path", "/api/health/live"))),
                Decision.SAMPLED));
        rows.add(Arguments.of("string regex anchored", re, NONE, List.of(ok(str("url.path", "/x/v1/name/1"))),
                Decision.NOT_SAMPLED));
        PolicySettings sInv = p("string_attribute").withStringAttribute(
                new PolicySettings.StringAttribute("service.name", List.of("api"), false, 0, true));
        rows.add(Arguments.of("string inverted, match", sInv, NONE, List.of(ok(str("service.name", "api"))),
                Decision.INVERT_NOT_SAMPLED));
        rows.add(Arguments.of("string inverted, other value", sInv, NONE, List.of(ok(str("service.name", "web"))),
                Decision.INVERT_SAMPLED));
        // rate_limiting: bucket of 2x spans_per_second spans, full at start
        rows.add(Arguments.of("rate limiting within burst", p("rate_limiting").withRateLimiting(
                new PolicySettings.RateLimiting(1, 0)), NONE, List.of(ok(), ok()), Decision.SAMPLED));
        rows.add(Arguments.of("rate limiting over burst", p("rate_limiting").withRateLimiting(
                new PolicySettings.RateLimiting(1, 0)), NONE, List.of(ok(), ok(), ok()), Decision.NOT_SAMPLED));
        // bytes_limiting
        rows.add(Arguments.of("bytes limiting within burst", p("bytes_limiting").withBytesLimiting(
                new PolicySettings.BytesLimiting(1000, 0)), NONE, List.of(ok()), Decision.SAMPLED));
        rows.add(Arguments.of("bytes limiting over burst", p("bytes_limiting").withBytesLimiting(
                new PolicySettings.BytesLimiting(10, 15)), NONE, List.of(ok()), Decision.NOT_SAMPLED));
        // span_count
        PolicySettings sc = p("span_count").withSpanCount(new PolicySettings.SpanCount(2, 3));
        rows.add(Arguments.of("span count below", sc, NONE, List.of(ok()), Decision.NOT_SAMPLED));
        rows.add(Arguments.of("span count inside", sc, NONE, List.of(ok(), ok(), ok()), Decision.SAMPLED));
        rows.add(Arguments.of("span count above", sc, NONE, List.of(ok(), ok(), ok(), ok()), Decision.NOT_SAMPLED));
        // trace_state
        PolicySettings ts = p("trace_state").withTraceState(new PolicySettings.TraceState("vendor", List.of("keep")));
        rows.add(Arguments.of("trace state match", ts, NONE,
                List.of(ok().toBuilder().setTraceState("ot=th:8,vendor=keep").build()), Decision.SAMPLED));
        rows.add(Arguments.of("trace state other value", ts, NONE,
                List.of(ok().toBuilder().setTraceState("vendor=drop").build()), Decision.NOT_SAMPLED));
        // trace_flags
        rows.add(Arguments.of("trace flags sampled", p("trace_flags"), NONE,
                List.of(ok(), ok().toBuilder().setFlags(0x101).build()), Decision.SAMPLED));
        rows.add(Arguments.of("trace flags not sampled", p("trace_flags"), NONE,
                List.of(ok().toBuilder().setFlags(0x100).build()), Decision.NOT_SAMPLED));
        // boolean_attribute
        PolicySettings b = p("boolean_attribute").withBooleanAttribute(new PolicySettings.BooleanAttribute("force", true, false));
        rows.add(Arguments.of("boolean match", b, NONE, List.of(ok(bool("force", true))), Decision.SAMPLED));
        rows.add(Arguments.of("boolean other value", b, NONE, List.of(ok(bool("force", false))), Decision.NOT_SAMPLED));
        PolicySettings bInv = p("boolean_attribute").withBooleanAttribute(new PolicySettings.BooleanAttribute("force", true, true));
        rows.add(Arguments.of("boolean inverted match", bInv, NONE, List.of(ok(bool("force", true))),
                Decision.INVERT_NOT_SAMPLED));
        // ottl_condition: span conditions see the resource; span event conditions see each event
        PolicySettings ottl = p("ottl_condition").withOttlCondition(new PolicySettings.OttlCondition("ignore",
                List.of("attributes[\"http.status\"] >= 500", "resource.attributes[\"tier\"] == \"gold\""),
                List.of("name == \"exception\"")));
        rows.add(Arguments.of("ottl span condition", ottl, NONE, List.of(ok(), ok(integer("http.status", 503))),
                Decision.SAMPLED));
        rows.add(Arguments.of("ottl resource path", ottl, resource(str("tier", "gold")), List.of(ok()), Decision.SAMPLED));
        rows.add(Arguments.of("ottl span event condition", ottl, NONE, List.of(ok().toBuilder()
                .addEvents(Span.Event.newBuilder().setName("exception")).build()), Decision.SAMPLED));
        rows.add(Arguments.of("ottl nothing holds", ottl, resource(str("tier", "silver")),
                List.of(ok(integer("http.status", 200))), Decision.NOT_SAMPLED));
        // and: inverted sub-decisions count as plain ones
        PolicySettings and = p("and").withAnd(new PolicySettings.And(List.of(
                PolicySettings.of("svc", "string_attribute").withStringAttribute(
                        new PolicySettings.StringAttribute("service.name", List.of("api"), false, 0, true)),
                PolicySettings.of("err", "status_code").withStatusCode(new PolicySettings.StatusCode(List.of("ERROR"))))));
        rows.add(Arguments.of("and: inverted sampled + error", and, resource(str("service.name", "web")),
                List.of(span(0, 1, Status.StatusCode.STATUS_CODE_ERROR)), Decision.SAMPLED));
        rows.add(Arguments.of("and: inverted not sampled", and, resource(str("service.name", "api")),
                List.of(span(0, 1, Status.StatusCode.STATUS_CODE_ERROR)), Decision.NOT_SAMPLED));
        rows.add(Arguments.of("and: one sub-policy misses", and, resource(str("service.name", "web")),
                List.of(ok()), Decision.NOT_SAMPLED));
        // drop: DROPPED when all sub-policies match, else NOT_SAMPLED
        PolicySettings drop = p("drop").withDrop(new PolicySettings.Drop(List.of(
                PolicySettings.of("health", "string_attribute").withStringAttribute(
                        new PolicySettings.StringAttribute("url.path", List.of("/health"), false, 0, false)))));
        rows.add(Arguments.of("drop matches", drop, NONE, List.of(ok(str("url.path", "/health"))), Decision.DROPPED));
        rows.add(Arguments.of("drop does not match", drop, NONE, List.of(ok(str("url.path", "/api"))), Decision.NOT_SAMPLED));
        // composite: first sampling sub-policy decides, within its allocation
        PolicySettings comp = p("composite").withComposite(new PolicySettings.Composite(10, List.of("a", "b"),
                List.of(PolicySettings.of("a", "status_code").withStatusCode(new PolicySettings.StatusCode(List.of("ERROR"))),
                        PolicySettings.of("b", "always_sample")),
                List.of(new PolicySettings.RateAllocation("a", 50), new PolicySettings.RateAllocation("b", 50))));
        rows.add(Arguments.of("composite: first sub-policy within its 5 spans", comp, NONE,
                List.of(span(0, 1, Status.StatusCode.STATUS_CODE_ERROR)), Decision.SAMPLED));
        rows.add(Arguments.of("composite: second sub-policy within its 5 spans", comp, NONE, List.of(ok(), ok()),
                Decision.SAMPLED));
        rows.add(Arguments.of("composite: over the sub-policy's allocation", comp, NONE,
                List.of(ok(), ok(), ok(), ok(), ok(), ok()), Decision.NOT_SAMPLED));
        PolicySettings compNoAlloc = p("composite").withComposite(new PolicySettings.Composite(10, null,
                List.of(PolicySettings.of("b", "always_sample")), null));
        rows.add(Arguments.of("composite: a sub-policy without allocation gets nothing (as the Collector)", compNoAlloc,
                NONE, List.of(ok()), Decision.NOT_SAMPLED));
        return rows.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void decides(String name, PolicySettings policy, Resource resource, List<Span> spans, Decision expected) {
        assertEquals(expected, decide(policy, resource, spans.toArray(Span[]::new)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void rejectsInvalidPolicies(String name, PolicySettings policy, String expectedFragment) {
        List<String> problems = PolicyCompiler.validate(List.of(policy));
        assertTrue(problems.stream().anyMatch(m -> m.contains(expectedFragment)), problems.toString());
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                Arguments.of("unknown type", p("sometimes_sample"), "unknown sampling policy type"),
                Arguments.of("empty name", PolicySettings.of("", "always_sample"), "name cannot be empty"),
                Arguments.of("bad status", p("status_code").withStatusCode(new PolicySettings.StatusCode(List.of("FAIL"))),
                        "unknown status code"),
                Arguments.of("no status", p("status_code"), "status_codes"),
                Arguments.of("bad regex", p("string_attribute").withStringAttribute(
                        new PolicySettings.StringAttribute("k", List.of("("), true, 0, false)), "invalid regular expression"),
                Arguments.of("rate 0", p("rate_limiting").withRateLimiting(new PolicySettings.RateLimiting(0, 0)),
                        "spans_per_second"),
                Arguments.of("ottl without conditions", p("ottl_condition"), "at least one span or spanevent condition"),
                Arguments.of("ottl syntax error", p("ottl_condition").withOttlCondition(new PolicySettings.OttlCondition(
                        "", List.of("attributes[\"k\" == 1"), null)), "ottl_condition"),
                Arguments.of("ottl bad error mode", p("ottl_condition").withOttlCondition(new PolicySettings.OttlCondition(
                        "loud", List.of("name == \"x\""), null)), "error_mode"),
                Arguments.of("and inside and", p("and").withAnd(new PolicySettings.And(List.of(p("and"))))
                        , "not allowed here"),
                Arguments.of("composite allocation over 100", p("composite").withComposite(new PolicySettings.Composite(
                        10, null, List.of(PolicySettings.of("a", "always_sample")),
                        List.of(new PolicySettings.RateAllocation("a", 150)))), "more than 100"));
    }
}
