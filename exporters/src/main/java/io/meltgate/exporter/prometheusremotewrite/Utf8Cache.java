package io.meltgate.exporter.prometheusremotewrite;

import java.nio.charset.StandardCharsets;

/**
 * UTF-8 bytes of label strings, by string identity, for the conversion of one batch. The points of a batch share
 * most of their label strings as the very same objects (label names, job, instance, scope, attribute values
 * decoded once by protobuf), so each is encoded once and then copied into each point's {@link EncodedLabels},
 * instead of being measured and encoded again. Open addressing on {@link System#identityHashCode}; not
 * thread-safe; one per conversion.
 */
final class Utf8Cache {

    private String[] keys;
    private byte[][] bytes;
    private int size;

    Utf8Cache(int expected) {
        int capacity = Integer.highestOneBit(Math.max(64, expected * 2) - 1) << 1;
        keys = new String[capacity];
        bytes = new byte[capacity][];
    }

    byte[] get(String s) {
        int mask = keys.length - 1;
        int i = mix(System.identityHashCode(s)) & mask;
        while (true) {
            String k = keys[i];
            if (k == s) {
                return bytes[i];
            }
            if (k == null) {
                byte[] b = s.getBytes(StandardCharsets.UTF_8);
                keys[i] = s;
                bytes[i] = b;
                if (++size * 2 > keys.length) {
                    grow();
                }
                return b;
            }
            i = (i + 1) & mask;
        }
    }

    private static int mix(int h) {
        return h ^ (h >>> 16);
    }

    private void grow() {
        String[] oldKeys = keys;
        byte[][] oldBytes = bytes;
        keys = new String[oldKeys.length * 2];
        bytes = new byte[oldKeys.length * 2][];
        int mask = keys.length - 1;
        for (int j = 0; j < oldKeys.length; j++) {
            if (oldKeys[j] != null) {
                int i = mix(System.identityHashCode(oldKeys[j])) & mask;
                while (keys[i] != null) {
                    i = (i + 1) & mask;
                }
                keys[i] = oldKeys[j];
                bytes[i] = oldBytes[j];
            }
        }
    }
}
