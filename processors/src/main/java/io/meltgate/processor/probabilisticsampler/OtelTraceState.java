package io.meltgate.processor.probabilisticsampler;

import java.util.ArrayList;
import java.util.List;

/**
 * A W3C {@code tracestate} with its OpenTelemetry section ({@code ot=th:...;rv:...}) opened up: the threshold,
 * the explicit randomness, and everything else kept as it was. Serializing puts the {@code ot} member first, as
 * W3C asks of a modified member.
 */
final class OtelTraceState {

    /** -1 when absent. */
    long threshold = -1;
    /** -1 when absent. */
    long randomness = -1;
    private final List<String> otherOtFields = new ArrayList<>();
    private final List<String> otherMembers = new ArrayList<>();
    boolean malformed;

    static OtelTraceState parse(String tracestate) {
        OtelTraceState s = new OtelTraceState();
        if (tracestate == null || tracestate.isBlank()) {
            return s;
        }
        for (String raw : tracestate.split(",")) {
            String member = raw.trim();
            if (member.isEmpty()) {
                continue;
            }
            int eq = member.indexOf('=');
            if (eq <= 0) {
                s.malformed = true;
                continue;
            }
            if (!member.substring(0, eq).equals("ot")) {
                s.otherMembers.add(member);
                continue;
            }
            for (String field : member.substring(eq + 1).split(";")) {
                int colon = field.indexOf(':');
                if (colon <= 0) {
                    s.malformed = true;
                    continue;
                }
                String k = field.substring(0, colon);
                String v = field.substring(colon + 1);
                switch (k) {
                    case "th" -> {
                        s.threshold = Threshold.parse(v);
                        s.malformed |= s.threshold < 0;
                    }
                    case "rv" -> {
                        s.randomness = Threshold.parseRandomness(v);
                        s.malformed |= s.randomness < 0;
                    }
                    default -> s.otherOtFields.add(field);
                }
            }
        }
        return s;
    }

    String serialize() {
        List<String> ot = new ArrayList<>();
        if (threshold >= 0) {
            ot.add("th:" + Threshold.encode(threshold));
        }
        if (randomness >= 0) {
            ot.add("rv:" + Threshold.encodeRandomness(randomness));
        }
        ot.addAll(otherOtFields);
        List<String> members = new ArrayList<>();
        if (!ot.isEmpty()) {
            members.add("ot=" + String.join(";", ot));
        }
        members.addAll(otherMembers);
        return String.join(",", members);
    }
}
