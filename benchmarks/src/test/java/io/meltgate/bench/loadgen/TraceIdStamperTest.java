package io.meltgate.bench.loadgen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.meltgate.bench.OtlpRequests;
import io.meltgate.core.signal.Signal;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TraceIdStamperTest {

    private static List<Span> spans(byte[] request) throws Exception {
        List<Span> out = new ArrayList<>();
        ExportTraceServiceRequest.parseFrom(request).getResourceSpansList()
                .forEach(rs -> rs.getScopeSpansList().forEach(ss -> out.addAll(ss.getSpansList())));
        return out;
    }

    @Test
    void everySendHasNewTraceIdsAndKeepsTracesWholeAndEverythingElseEqual() throws Exception {
        byte[][] requests = OtlpRequests.encoded(Signal.TRACES, 2, 100, 7);
        TraceIdStamper stamper = new TraceIdStamper(requests);
        List<Span> original = spans(requests[0]);
        Set<ByteString> seen = new HashSet<>();
        original.forEach(s -> seen.add(s.getTraceId()));
        assertEquals(20, seen.size(), "100 spans in traces of 5");

        for (int send = 0; send < 3; send++) {
            List<Span> stamped = spans(stamper.next(0));
            assertEquals(original.size(), stamped.size());
            Map<ByteString, ByteString> mapping = new HashMap<>();
            for (int i = 0; i < original.size(); i++) {
                Span o = original.get(i);
                Span s = stamped.get(i);
                assertNotEquals(o.getTraceId(), s.getTraceId());
                ByteString before = mapping.putIfAbsent(o.getTraceId(), s.getTraceId());
                assertTrue(before == null || before.equals(s.getTraceId()), "one trace stays one trace");
                assertEquals(o.toBuilder().setTraceId(s.getTraceId()).build(), s, "only the trace id changes");
            }
            for (ByteString id : mapping.values()) {
                assertTrue(seen.add(id), "a trace id no earlier send had");
            }
        }
        assertEquals(80, seen.size());
    }
}
