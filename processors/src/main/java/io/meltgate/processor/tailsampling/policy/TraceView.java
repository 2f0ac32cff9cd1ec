package io.meltgate.processor.tailsampling.policy;

/**
 * What a policy may read about a buffered trace: a summary kept up to date as its spans arrive, so that no
 * policy needs the spans themselves.
 */
public interface TraceView {

    /** The 16 bytes of the trace id, most significant half. */
    long traceIdHigh();

    long traceIdLow();

    /** The trace id as its 16 bytes, in wire order. */
    byte[] traceId();

    long spanCount();

    /** Earliest span start seen, Unix nanoseconds (Long.MAX_VALUE when no span had one). */
    long minStartUnixNanos();

    /** Latest span end seen, Unix nanoseconds (Long.MIN_VALUE when no span had one). */
    long maxEndUnixNanos();

    /** OTLP wire size of the trace's spans (as the Collector's {@code bytes_limiting} measures it). */
    long byteSize();

    /** Whether the span predicate registered under {@code index} matched a span or resource of this trace. */
    boolean matched(int index);
}
