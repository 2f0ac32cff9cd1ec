package io.meltgate.exporter.loadbalancing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class HashRingTest {

    private static final int KEYS = 20_000;

    private static long[] keys() {
        SplittableRandom r = new SplittableRandom(5);
        long[] k = new long[KEYS];
        for (int i = 0; i < KEYS; i++) {
            byte[] traceId = new byte[16];
            for (int j = 0; j < 16; j++) {
                traceId[j] = (byte) r.nextInt(256);
            }
            k[i] = HashRing.hash(traceId);
        }
        return k;
    }

    private static List<String> backends(int n) {
        List<String> l = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            l.add("10.0.0." + (i + 1) + ":4317");
        }
        return l;
    }

    @Test
    void addingABackendMovesAboutOneNthOfTheKeysAllToTheNewBackend() {
        long[] keys = keys();
        HashRing four = new HashRing(backends(4));
        HashRing five = new HashRing(backends(5));
        String added = backends(5).get(4);
        int moved = 0;
        for (long k : keys) {
            String before = four.endpointFor(k);
            String after = five.endpointFor(k);
            if (!before.equals(after)) {
                moved++;
                assertEquals(added, after, "a key only ever moves to the added backend");
            }
        }
        double share = moved / (double) KEYS;
        assertTrue(share > 0.13 && share < 0.27, "about 1/5 of the keys move, got " + share);
    }

    @Test
    void removingABackendMovesOnlyItsKeys() {
        long[] keys = keys();
        HashRing five = new HashRing(backends(5));
        List<String> four = new ArrayList<>(backends(5));
        String removed = four.remove(2);
        HashRing after = new HashRing(four);
        int moved = 0;
        for (long k : keys) {
            String b = five.endpointFor(k);
            String a = after.endpointFor(k);
            if (!b.equals(a)) {
                moved++;
                assertEquals(removed, b, "only the removed backend's keys move");
            }
        }
        double share = moved / (double) KEYS;
        assertTrue(share > 0.13 && share < 0.27, "about 1/5 of the keys move, got " + share);
    }

    @Test
    void keysSpreadOverEveryBackendAndTheOrderOfTheListDoesNotMatter() {
        long[] keys = keys();
        HashRing ring = new HashRing(backends(4));
        List<String> reversed = new ArrayList<>(backends(4));
        java.util.Collections.reverse(reversed);
        HashRing same = new HashRing(reversed);
        Map<String, Integer> counts = new HashMap<>();
        for (long k : keys) {
            counts.merge(ring.endpointFor(k), 1, Integer::sum);
            assertEquals(ring.endpointFor(k), same.endpointFor(k));
        }
        assertEquals(4, counts.size());
        counts.values().forEach(c -> assertTrue(c > KEYS * 0.15 && c < KEYS * 0.35, "balanced: " + counts));
    }
}
