package io.meltgate.bench.loadgen;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Gives every request sent new trace ids ({@code --fresh-trace-ids}): the generator cycles through a few
 * pre-encoded requests, so without it the same traces come back every few milliseconds, and a tail sampler
 * would see a handful of ever-growing traces, or answer from its decision cache, instead of new traces.
 *
 * <p>The offsets of every {@code trace_id} field (tag 0x0A, length 16) are found once per request; each send
 * copies the request and XORs its first 8 bytes with a value derived from the send number, the same for all the
 * traces of one request, so spans of one trace stay one trace and distinct traces stay distinct. Not
 * thread-safe: the generator's send loop is one thread.
 */
final class TraceIdStamper {

    private final byte[][] requests;
    private final int[][] offsets;
    /**
     * Starts at a random value: every run of the generator (run.sh starts one per phase against the same gateway)
     * must send trace ids that no earlier run sent, or the sampler answers them from its remembered decisions.
     */
    private long stamped = new java.security.SecureRandom().nextLong();

    TraceIdStamper(byte[][] requests) {
        this.requests = requests;
        this.offsets = new int[requests.length][];
        for (int i = 0; i < requests.length; i++) {
            offsets[i] = traceIdOffsets(requests[i]);
        }
    }

    /** A copy of request {@code index} with trace ids no earlier call has given. */
    byte[] next(int index) {
        byte[] body = requests[index].clone();
        long mix = splitMix(++stamped);
        for (int offset : offsets[index]) {
            for (int b = 0; b < 8; b++) {
                body[offset + b] ^= (byte) (mix >>> (8 * b));
            }
        }
        return body;
    }

    private static int[] traceIdOffsets(byte[] request) {
        Set<ByteString> ids = new LinkedHashSet<>();
        try {
            ExportTraceServiceRequest.parseFrom(request).getResourceSpansList().forEach(rs -> rs.getScopeSpansList()
                    .forEach(ss -> ss.getSpansList().forEach(s -> ids.add(s.getTraceId()))));
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new IllegalArgumentException("not a trace export request", e);
        }
        List<Integer> found = new ArrayList<>();
        for (int i = 0; i + 18 <= request.length; i++) {
            if (request[i] == 0x0A && request[i + 1] == 16) {
                for (ByteString id : ids) {
                    if (id.size() == 16 && matches(request, i + 2, id)) {
                        found.add(i + 2);
                        break;
                    }
                }
            }
        }
        return found.stream().mapToInt(Integer::intValue).toArray();
    }

    private static boolean matches(byte[] bytes, int at, ByteString id) {
        for (int j = 0; j < 16; j++) {
            if (bytes[at + j] != id.byteAt(j)) {
                return false;
            }
        }
        return true;
    }

    private static long splitMix(long x) {
        long z = x * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
