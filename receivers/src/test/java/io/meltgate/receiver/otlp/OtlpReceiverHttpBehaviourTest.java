package io.meltgate.receiver.otlp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.meltgate.core.signal.Signal;
import io.meltgate.core.testing.OtlpFixtures;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** HTTP/1.1 keep-alive, HTTP/1.0 close, and CORS for browser SDKs, on the wire. */
class OtlpReceiverHttpBehaviourTest {

    private static ReceiverUnderTest gateway;
    private static final byte[] BODY = new OtlpFixtures(9).traceRequest(3).toByteArray();
    private final RawHttp http = new RawHttp();

    @BeforeAll
    static void start() throws Exception {
        OtlpHttpSettings h = ReceiverUnderTest.http(null, 0,
                new OtlpHttpSettings.Cors(List.of("https://*.example.com", "http://localhost:3000"), List.of("X-Tenant"), 600));
        gateway = ReceiverUnderTest.withPipelines(new OtlpReceiverSettings(new OtlpReceiverSettings.Protocols(null, h)));
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    /** One response read off a raw socket: status, lower-case headers, body. */
    record Raw(int status, Map<String, String> headers, byte[] body) {
    }

    private static Raw readResponse(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int c = in.read();
            if (c < 0) {
                throw new IOException("connection closed mid-response");
            }
            head.write(c);
            matched = (c == "\r\n\r\n".charAt(matched)) ? matched + 1 : (c == '\r' ? 1 : 0);
        }
        String[] lines = head.toString(StandardCharsets.US_ASCII).split("\r\n");
        Map<String, String> headers = new HashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
            }
        }
        byte[] body = in.readNBytes(Integer.parseInt(headers.getOrDefault("content-length", "0")));
        return new Raw(Integer.parseInt(lines[0].split(" ")[1]), headers, body);
    }

    private static void writeRequest(OutputStream out, String version, String extraHeaders) throws IOException {
        out.write(("POST /v1/traces " + version + "\r\nHost: 127.0.0.1\r\nContent-Type: application/x-protobuf\r\n"
                + extraHeaders + "Content-Length: " + BODY.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(BODY);
        out.flush();
    }

    @Test
    void http11KeepsTheConnectionForManyRequests() throws Exception {
        long before = gateway.out(Signal.TRACES).itemCount();
        try (Socket s = new Socket("127.0.0.1", gateway.httpPort())) {
            s.setSoTimeout(10_000);
            for (int i = 0; i < 5; i++) {
                writeRequest(s.getOutputStream(), "HTTP/1.1", "");
                Raw r = readResponse(s.getInputStream());
                assertEquals(200, r.status());
                assertFalse("close".equalsIgnoreCase(r.headers().get("connection")));
            }
        }
        assertTrue(gateway.awaitItems(Signal.TRACES, before + 15));
    }

    @Test
    void http10WithoutKeepAliveIsClosedAfterTheAnswer() throws Exception {
        try (Socket s = new Socket("127.0.0.1", gateway.httpPort())) {
            s.setSoTimeout(10_000);
            writeRequest(s.getOutputStream(), "HTTP/1.0", "");
            Raw r = readResponse(s.getInputStream());
            assertEquals(200, r.status());
            assertEquals("close", r.headers().get("connection"));
            assertEquals(-1, s.getInputStream().read(), "the server closed the connection");
        }
    }

    @Test
    void preflightFromAnAllowedWildcardOriginIsAnswered() throws Exception {
        HttpResponse<byte[]> r = http.send("OPTIONS", gateway.httpBase() + "/v1/traces", Map.of(
                "Origin", "https://app.example.com",
                "Access-Control-Request-Method", "POST",
                "Access-Control-Request-Headers", "content-type, x-tenant"), null);
        assertEquals(204, r.statusCode());
        assertEquals("https://app.example.com", r.headers().firstValue("access-control-allow-origin").orElse(""));
        assertEquals("POST", r.headers().firstValue("access-control-allow-methods").orElse(""));
        assertEquals("content-type, x-tenant", r.headers().firstValue("access-control-allow-headers").orElse(""));
        assertEquals("600", r.headers().firstValue("access-control-max-age").orElse(""));
    }

    @Test
    void preflightFromAnotherOriginOrWithUnlistedHeadersGetsNoPermission() throws Exception {
        HttpResponse<byte[]> other = http.send("OPTIONS", gateway.httpBase() + "/v1/traces", Map.of(
                "Origin", "https://evil.test", "Access-Control-Request-Method", "POST"), null);
        assertEquals(204, other.statusCode());
        assertTrue(other.headers().firstValue("access-control-allow-origin").isEmpty());
        HttpResponse<byte[]> header = http.send("OPTIONS", gateway.httpBase() + "/v1/traces", Map.of(
                "Origin", "http://localhost:3000", "Access-Control-Request-Method", "POST",
                "Access-Control-Request-Headers", "x-secret"), null);
        assertTrue(header.headers().firstValue("access-control-allow-origin").isEmpty());
    }

    @Test
    void crossOriginPostsCarryTheAllowOriginHeaderOnlyForAllowedOrigins() throws Exception {
        HttpResponse<byte[]> ok = http.send("POST", gateway.httpBase() + "/v1/traces",
                Map.of("Origin", "http://localhost:3000", "Content-Type", "application/x-protobuf"), BODY);
        assertEquals(200, ok.statusCode());
        assertEquals("http://localhost:3000", ok.headers().firstValue("access-control-allow-origin").orElse(""));
        HttpResponse<byte[]> other = http.send("POST", gateway.httpBase() + "/v1/traces",
                Map.of("Origin", "https://example.org", "Content-Type", "application/x-protobuf"), BODY);
        assertEquals(200, other.statusCode(), "CORS is the browser's to enforce; the server just grants nothing");
        assertTrue(other.headers().firstValue("access-control-allow-origin").isEmpty());
    }
}
