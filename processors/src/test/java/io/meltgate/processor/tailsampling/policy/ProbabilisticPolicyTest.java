package io.meltgate.processor.tailsampling.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The tail-sampling probabilistic policy must keep exactly the traces the Collector keeps: 64-bit FNV-1a of
 * salt + trace id, compared with {@code MaxUint64 × percentage / 100}. The expected values were computed with an
 * independent implementation of the documented algorithm (Python, exact rationals), not with this code. By
 * hand: (2^64-1) × 0.5 = 2^63 - 0.5 has 64 significant bits, so Go keeps it exactly and truncates it to 2^63 - 1.
 */
class ProbabilisticPolicyTest {

    @Test
    void fnv64aMatchesThePublishedTestVectors() {
        // From the FNV reference test suite (isthe.com/chongo/tech/comp/fnv): FNV-1a 64 of "" and "a".
        assertEquals(0xcbf29ce484222325L, ProbabilisticPolicy.fnv64a(0xcbf29ce484222325L, new byte[0]));
        assertEquals(0xaf63dc4c8601ec8cL, ProbabilisticPolicy.fnv64a(0xcbf29ce484222325L,
                "a".getBytes(StandardCharsets.US_ASCII)));
    }

    @ParameterizedTest
    @CsvSource({
            "000102030405060708090a0b0c0d0e0f, a6622cfe5bfb0e0d",
            "4bf92f3577b34da6a3ce929d0e0e4736, a54533ba2e4970b5",
            "00000000000000000000000000000001, e19535eed1bbaa8a",
            "ffffffffffffffffffffffffffffffff, 17bec3739634fe2d",
            "0af7651916cd43dd8448eb211c80319c, 33bf83d45f51634c"})
    void hashesTheTraceIdAfterTheDefaultSalt(String traceId, String expectedHash) {
        ProbabilisticPolicy p = new ProbabilisticPolicy("", 10);
        assertEquals(Long.parseUnsignedLong(expectedHash, 16), p.hash(HexFormat.of().parseHex(traceId)));
    }

    @ParameterizedTest
    @CsvSource({
            "0.1, 1844674407370955263",
            "0.5, 9223372036854775807",
            "0.25, 4611686018427387903",
            "0.333, 6142765776545281023",
            "1.0, 18446744073709551615",
            "0.0001, 1844674407370955",
            "0, 0"})
    void thresholdIsMaxUint64TimesTheRatioAsGoBigFloatComputesIt(double ratio, String expected) {
        assertEquals(Long.parseUnsignedLong(expected), ProbabilisticPolicy.threshold(ratio));
    }

    @ParameterizedTest
    @CsvSource({
            // trace id, percentage, sampled? (hash <= threshold, unsigned)
            "ffffffffffffffffffffffffffffffff, 10, true",   // 0x17be.. <= 0x1999..
            "0af7651916cd43dd8448eb211c80319c, 10, false",  // 0x33bf.. > 0x1999..
            "0af7651916cd43dd8448eb211c80319c, 25, true",   // 0x33bf.. <= 0x3fff..
            "4bf92f3577b34da6a3ce929d0e0e4736, 50, false",  // 0xa545.. > 0x7fff..
            "4bf92f3577b34da6a3ce929d0e0e4736, 100, true"})
    void decidesAsTheCollector(String traceId, double percentage, boolean sampled) {
        byte[] id = HexFormat.of().parseHex(traceId);
        TraceSummary t = new TraceSummary(bytesToLong(id, 0), bytesToLong(id, 8));
        assertEquals(sampled ? Decision.SAMPLED : Decision.NOT_SAMPLED,
                new ProbabilisticPolicy(null, percentage).evaluate(t, 0));
    }

    private static long bytesToLong(byte[] b, int off) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (b[off + i] & 0xff);
        }
        return v;
    }
}
