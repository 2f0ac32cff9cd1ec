package io.meltgate.ottl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.meltgate.core.testing.OtlpFixtures;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.lang.management.ManagementFactory;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Evaluating plain comparisons (a field or attribute against a literal, integer arithmetic on fields) allocates
 * nothing per item: measured with the JVM's per-thread allocation counter over many evaluations.
 */
class OttlAllocationTest {

    @Test
    void plainComparisonsAllocateNothingPerItem() throws ParseError {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        ResourceSpans rs = new OtlpFixtures(3).resourceSpans(64, "task-master");
        List<Span> spans = rs.getScopeSpans(0).getSpansList();
        List<Condition> conditions = OttlParser.parseConditions(List.of(
                "attributes[\"http.request.method\"] == \"GET\"",
                "attributes[\"http.response.status_code\"] >= 500 or status.code == STATUS_CODE_ERROR",
                "kind == SPAN_KIND_SERVER and name != \"GET /api/tasks\"",
                "end_time_unix_nano - start_time_unix_nano > 1000000000",
                "resource.attributes[\"service.name\"] == \"task-master\" and attributes[\"missing\"] == nil",
                "attributes[\"task.cached\"] == true and attributes[\"task.priority\"] < 2"), OttlContextKind.SPAN);
        OttlContext ctx = new OttlContext();
        long hits = run(conditions, spans, rs, ctx, 2_000);
        long before = threads.getThreadAllocatedBytes(Thread.currentThread().getId());
        long measured = run(conditions, spans, rs, ctx, 5_000);
        long allocated = threads.getThreadAllocatedBytes(Thread.currentThread().getId()) - before;
        long evaluations = 5_000L * spans.size() * conditions.size();
        assertTrue(hits > 0 && measured > 0);
        // A few hundred bytes of slack for the measurement itself; one allocation per evaluation would be > 100 MB.
        assertTrue(allocated < 4096, allocated + " bytes allocated over " + evaluations + " evaluations");
        assertEquals(measured * 2_000 / 5_000, hits, "same answers every round");
    }

    private static long run(List<Condition> conditions, List<Span> spans, ResourceSpans rs, OttlContext ctx, int rounds) {
        long hits = 0;
        for (int r = 0; r < rounds; r++) {
            for (int i = 0; i < spans.size(); i++) {
                ctx.forSpan(rs.getResource(), rs.getScopeSpans(0).getScope(), spans.get(i));
                for (int c = 0; c < conditions.size(); c++) {
                    if (conditions.get(c).eval(ctx)) {
                        hits++;
                    }
                }
            }
        }
        return hits;
    }
}
