package io.meltgate.receiver.otlp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.meltgate.core.otlp.json.OtlpJson;
import io.meltgate.core.signal.Signal;
import io.meltgate.core.testing.OtlpFixtures;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.util.Random;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Thousands of mutated protobuf, JSON and gzip bodies (bounded in count and time, fixed seed) against both
 * transports. Each must be answered, never with a server error and never hanging: 200 exactly when the body
 * decodes (checked here independently), else 400 / INVALID_ARGUMENT; and the server keeps serving.
 */
class OtlpReceiverFuzzTest {

    private static final long SEED = 20261129L;
    private static final int HTTP_CASES = 1500;
    private static final int GRPC_CASES = 1000;
    private static final long BUDGET_NANOS = 40_000_000_000L;

    private static ReceiverUnderTest gateway;
    private static byte[][] protoSeeds;
    private static byte[][] jsonSeeds;

    @BeforeAll
    static void start() throws Exception {
        gateway = ReceiverUnderTest.withPipelines(ReceiverUnderTest.both());
        OtlpFixtures f = new OtlpFixtures(SEED);
        protoSeeds = new byte[][] {f.traceRequest(3).toByteArray(), f.metricsRequest(4).toByteArray(),
            f.logsRequest(3).toByteArray()};
        jsonSeeds = new byte[][] {OtlpJson.encode(f.traceRequest(2)), OtlpJson.encode(f.metricsRequest(2)),
            OtlpJson.encode(f.logsRequest(2))};
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    static byte[] mutate(byte[] seed, Random r) {
        byte[] b = seed.clone();
        int kind = r.nextInt(6);
        switch (kind) {
            case 0 -> { // flip a few bytes
                for (int i = 0, n = 1 + r.nextInt(4); i < n && b.length > 0; i++) {
                    b[r.nextInt(b.length)] ^= (byte) (1 + r.nextInt(255));
                }
            }
            case 1 -> b = java.util.Arrays.copyOf(b, r.nextInt(Math.max(1, b.length)));
            case 2 -> { // insert random bytes
                int at = r.nextInt(b.length + 1);
                byte[] ins = new byte[1 + r.nextInt(8)];
                r.nextBytes(ins);
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                out.write(b, 0, at);
                out.writeBytes(ins);
                out.write(b, at, b.length - at);
                b = out.toByteArray();
            }
            case 3 -> { // duplicate a slice
                int from = r.nextInt(Math.max(1, b.length));
                int len = Math.min(b.length - from, 1 + r.nextInt(32));
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                out.writeBytes(b);
                out.write(b, from, Math.max(0, len));
                b = out.toByteArray();
            }
            case 4 -> { // set a byte to a boundary value
                if (b.length > 0) {
                    b[r.nextInt(b.length)] = new byte[] {0, (byte) 0xff, 0x7f, (byte) 0x80, '"', '{', '['}[r.nextInt(7)];
                }
            }
            default -> { // random garbage
                b = new byte[r.nextInt(64)];
                r.nextBytes(b);
            }
        }
        return b;
    }

    private static boolean decodes(Signal s, byte[] body, boolean json) {
        try {
            if (json) {
                switch (s) {
                    case TRACES -> OtlpJson.decodeTraceRequest(body);
                    case METRICS -> OtlpJson.decodeMetricsRequest(body);
                    case LOGS -> OtlpJson.decodeLogsRequest(body);
                }
            } else {
                switch (s) {
                    case TRACES -> ExportTraceServiceRequest.parseFrom(body);
                    case METRICS -> ExportMetricsServiceRequest.parseFrom(body);
                    case LOGS -> ExportLogsServiceRequest.parseFrom(body);
                }
            }
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    private static byte[] gunzip(byte[] b) {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(b))) {
            return in.readAllBytes();
        } catch (Exception e) {
            return null;
        }
    }

    @Test
    void mutatedBodiesOverHttpAreAnsweredWithoutServerErrors() throws Exception {
        Random r = new Random(SEED);
        RawHttp http = new RawHttp();
        long deadline = System.nanoTime() + BUDGET_NANOS;
        int sent = 0;
        int accepted = 0;
        for (; sent < HTTP_CASES && System.nanoTime() < deadline; sent++) {
            Signal s = Signal.values()[r.nextInt(3)];
            boolean json = r.nextBoolean();
            boolean gzip = r.nextInt(3) == 0;
            byte[] plain = mutate((json ? jsonSeeds : protoSeeds)[s.ordinal()], r);
            byte[] body = plain;
            boolean expectOk;
            if (gzip) {
                body = RawHttp.gzip(plain);
                if (r.nextBoolean()) {
                    body = mutate(body, r); // a mutated gzip stream
                }
                byte[] inflated = gunzip(body);
                expectOk = inflated != null && decodes(s, inflated, json);
            } else {
                expectOk = decodes(s, body, json);
            }
            String path = "/v1/" + (s == Signal.TRACES ? "traces" : s.name().toLowerCase());
            HttpResponse<byte[]> resp = http.post(gateway.httpBase() + path,
                    json ? "application/json" : "application/x-protobuf", gzip ? "gzip" : null, body);
            int code = resp.statusCode();
            if (code != (expectOk ? 200 : 400)) {
                fail("case " + sent + " (" + s + ", json=" + json + ", gzip=" + gzip + "): expected "
                        + (expectOk ? 200 : 400) + ", got " + code + ": " + new String(resp.body()));
            }
            accepted += code == 200 ? 1 : 0;
        }
        assertTrue(sent >= 200, "enough cases ran within the budget: " + sent);
        assertTrue(accepted > 0 && accepted < sent, "both outcomes were exercised: " + accepted + "/" + sent);
        assertEquals(200, http.post(gateway.httpBase() + "/v1/traces", "application/x-protobuf", null,
                protoSeeds[0]).statusCode(), "still serving");
    }

    /** Announces gzip and sends a gzip stream mutated after compression; remembers what it sent. */
    private static final class CorruptingGzip implements io.grpc.Compressor {
        private final Random random;
        byte[] lastSent;

        CorruptingGzip(Random random) {
            this.random = random;
        }

        @Override
        public String getMessageEncoding() {
            return "gzip";
        }

        @Override
        public java.io.OutputStream compress(java.io.OutputStream os) {
            return new ByteArrayOutputStream() {
                @Override
                public void close() throws java.io.IOException {
                    lastSent = mutate(RawHttp.gzip(toByteArray()), random);
                    os.write(lastSent);
                    os.close();
                }
            };
        }
    }

    @Test
    void corruptGzipStreamsOverGrpcAreAnsweredOkOrInvalidArgument() throws Exception {
        Random r = new Random(SEED + 2);
        CorruptingGzip gzip = new CorruptingGzip(r);
        long deadline = System.nanoTime() + BUDGET_NANOS / 2;
        int sent = 0;
        int refused = 0;
        try (RawGrpc grpc = new RawGrpc(gateway.grpcPort(), gzip)) {
            for (; sent < GRPC_CASES / 2 && System.nanoTime() < deadline; sent++) {
                Signal s = Signal.values()[r.nextInt(3)];
                try {
                    grpc.call(s, protoSeeds[s.ordinal()], true);
                    byte[] inflated = gunzip(gzip.lastSent);
                    if (inflated == null || !decodes(s, inflated, false)) {
                        fail("case " + sent + ": accepted a corrupt gzip stream");
                    }
                } catch (StatusRuntimeException e) {
                    if (e.getStatus().getCode() != Status.Code.INVALID_ARGUMENT) {
                        fail("case " + sent + " (" + s + "): " + e.getStatus());
                    }
                    refused++;
                }
            }
        }
        assertTrue(sent >= 100 && refused > 0, "cases ran and corrupt streams were refused: " + refused + "/" + sent);
        try (RawGrpc grpc = new RawGrpc(gateway.grpcPort())) {
            grpc.call(Signal.TRACES, protoSeeds[0], true);
        }
    }

    @Test
    void mutatedBodiesOverGrpcAreAnsweredOkOrInvalidArgument() throws Exception {
        Random r = new Random(SEED + 1);
        long deadline = System.nanoTime() + BUDGET_NANOS;
        int sent = 0;
        int accepted = 0;
        try (RawGrpc grpc = new RawGrpc(gateway.grpcPort())) {
            for (; sent < GRPC_CASES && System.nanoTime() < deadline; sent++) {
                Signal s = Signal.values()[r.nextInt(3)];
                boolean gzip = r.nextBoolean();
                byte[] body = mutate(protoSeeds[s.ordinal()], r);
                boolean expectOk = decodes(s, body, false);
                try {
                    grpc.call(s, body, gzip);
                    if (!expectOk) {
                        fail("case " + sent + ": accepted a body that does not decode");
                    }
                    accepted++;
                } catch (StatusRuntimeException e) {
                    if (expectOk || e.getStatus().getCode() != Status.Code.INVALID_ARGUMENT) {
                        fail("case " + sent + " (" + s + ", gzip=" + gzip + "): " + e.getStatus());
                    }
                }
            }
            assertTrue(sent >= 200, "enough cases ran within the budget: " + sent);
            assertTrue(accepted > 0 && accepted < sent, "both outcomes were exercised: " + accepted + "/" + sent);
            grpc.call(Signal.TRACES, protoSeeds[0], false);
        }
    }
}
