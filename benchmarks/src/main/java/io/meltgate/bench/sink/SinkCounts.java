package io.meltgate.bench.sink;

import io.meltgate.core.signal.Signal;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/** What the sink has received so far, per signal: items, requests, bytes, and requests it could not parse. */
public final class SinkCounts {

    private final Map<Signal, LongAdder> items = new EnumMap<>(Signal.class);
    private final Map<Signal, LongAdder> requests = new EnumMap<>(Signal.class);
    private final LongAdder bytes = new LongAdder();
    private final LongAdder malformed = new LongAdder();

    public SinkCounts() {
        for (Signal s : Signal.values()) {
            items.put(s, new LongAdder());
            requests.put(s, new LongAdder());
        }
    }

    /** Counts one received request; returns its items, or -1 when it was malformed (and counted as such). */
    public long record(Signal signal, byte[] request) {
        bytes.add(request.length);
        try {
            long n = OtlpItemCounter.count(signal, request);
            items.get(signal).add(n);
            requests.get(signal).increment();
            return n;
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            malformed.increment();
            return -1;
        }
    }

    /** Counts one request whose items were counted elsewhere (the Forward sink counts events itself). */
    public void add(Signal signal, long itemCount, long byteCount) {
        bytes.add(byteCount);
        items.get(signal).add(itemCount);
        requests.get(signal).increment();
    }

    /** Counts a request that could not be parsed. */
    public void malformed() {
        malformed.increment();
    }

    public long malformedCount() {
        return malformed.sum();
    }

    public long items(Signal signal) {
        return items.get(signal).sum();
    }

    public long requests(Signal signal) {
        return requests.get(signal).sum();
    }

    /** {@code {"spans":..,"metric_points":..,"log_records":..,"requests":..,"bytes":..,"malformed":..}} */
    public String toJson() {
        long allRequests = 0;
        StringBuilder s = new StringBuilder("{");
        for (Signal signal : Signal.values()) {
            s.append('"').append(signal.itemNoun()).append("\":").append(items(signal)).append(',');
            allRequests += requests(signal);
        }
        return s.append("\"requests\":").append(allRequests).append(",\"bytes\":").append(bytes.sum())
                .append(",\"malformed\":").append(malformed.sum()).append('}').toString();
    }
}
