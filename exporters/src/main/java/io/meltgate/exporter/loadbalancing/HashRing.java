package io.meltgate.exporter.loadbalancing;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * A consistent-hash ring of backends: each backend owns {@link #VIRTUAL_NODES} points on a 64-bit circle, and a
 * key belongs to the backend of the first point at or after the key's hash. Adding or removing one of N backends
 * therefore moves only about 1/N of the keys, all to or from that backend. Immutable.
 */
final class HashRing {

    static final int VIRTUAL_NODES = 200;

    private final List<String> endpoints;
    private final long[] points;
    private final int[] owners;

    HashRing(List<String> endpoints) {
        this.endpoints = endpoints.stream().distinct().sorted().toList();
        int n = this.endpoints.size() * VIRTUAL_NODES;
        long[][] pairs = new long[n][];
        int k = 0;
        for (int e = 0; e < this.endpoints.size(); e++) {
            byte[] name = this.endpoints.get(e).getBytes(StandardCharsets.UTF_8);
            for (int v = 0; v < VIRTUAL_NODES; v++) {
                pairs[k++] = new long[] {mix(fnv64a(fnv64a(FNV_OFFSET, name), new byte[] {'#', (byte) v, (byte) (v >> 8)})), e};
            }
        }
        Arrays.sort(pairs, (a, b) -> Long.compareUnsigned(a[0], b[0]));
        this.points = new long[n];
        this.owners = new int[n];
        for (int i = 0; i < n; i++) {
            points[i] = pairs[i][0];
            owners[i] = (int) pairs[i][1];
        }
    }

    List<String> endpoints() {
        return endpoints;
    }

    boolean isEmpty() {
        return endpoints.isEmpty();
    }

    /** The backend owning a key hash; null when the ring is empty. */
    String endpointFor(long keyHash) {
        if (points.length == 0) {
            return null;
        }
        int lo = 0;
        int hi = points.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (Long.compareUnsigned(points[mid], keyHash) < 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return endpoints.get(owners[lo == points.length ? 0 : lo]);
    }

    static final long FNV_OFFSET = 0xcbf29ce484222325L;

    static long fnv64a(long h, byte[] bytes) {
        for (byte b : bytes) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        return h;
    }

    /** A 64-bit finalizer (SplitMix64's) so nearby inputs land far apart on the circle. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    static long hash(byte[] key) {
        return mix(fnv64a(FNV_OFFSET, key));
    }

    static long hash(String key) {
        return hash(key.getBytes(StandardCharsets.UTF_8));
    }
}
