package io.meltgate.processor.tailsampling.policy;

import java.util.List;

/**
 * One entry of {@code policies} (or of {@code and_sub_policy}, {@code composite_sub_policy},
 * {@code drop_sub_policy}): a {@code name}, a {@code type}, and the options of that type under the key named like
 * the type, as in the Collector. Only the options of the named type are read.
 */
public record PolicySettings(
        String name,
        String type,
        Latency latency,
        NumericAttribute numericAttribute,
        Probabilistic probabilistic,
        StatusCode statusCode,
        StringAttribute stringAttribute,
        RateLimiting rateLimiting,
        BytesLimiting bytesLimiting,
        SpanCount spanCount,
        TraceState traceState,
        BooleanAttribute booleanAttribute,
        OttlCondition ottlCondition,
        And and,
        Composite composite,
        Drop drop) {

    /** A policy of a type with no options, or with the options left to the compiler's defaults. */
    public static PolicySettings of(String name, String type) {
        return new PolicySettings(name, type, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null);
    }

    public PolicySettings withLatency(Latency o) {
        return new PolicySettings(name, type, o, numericAttribute, probabilistic, statusCode, stringAttribute,
                rateLimiting, bytesLimiting, spanCount, traceState, booleanAttribute, ottlCondition, and, composite, drop);
    }

    public PolicySettings withNumericAttribute(NumericAttribute o) {
        return new PolicySettings(name, type, latency, o, probabilistic, statusCode, stringAttribute,
                rateLimiting, bytesLimiting, spanCount, traceState, booleanAttribute, ottlCondition, and, composite, drop);
    }

    public PolicySettings withProbabilistic(Probabilistic o) {
        return new PolicySettings(name, type, latency, numericAttribute, o, statusCode, stringAttribute,
                rateLimiting, bytesLimiting, spanCount, traceState, booleanAttribute, ottlCondition, and, composite, drop);
    }

    public PolicySettings withStatusCode(StatusCode o) {
        return new PolicySettings(name, type, latency, numericAttribute, probabilistic, o, stringAttribute,
                rateLimiting, bytesLimiting, spanCount, traceState, booleanAttribute, ottlCondition, and, composite, drop);
    }

    public PolicySettings withStringAttribute(StringAttribute o) {
        return new PolicySettings(name, type, latency, numericAttribute, probabilistic, statusCode, o,
                rateLimiting, bytesLimiting, spanCount, traceState, booleanAttribute, ottlCondition, and, composite, drop);
    }

    public PolicySettings withRateLimiting(RateLimiting o) {
        return new PolicySettings(name, type, latency, numericAttribute, probabilistic, statusCode, stringAttribute,
                o, bytesLimiting, spanCount, traceState, booleanAttribute, ottlCondition, and, composite, drop);
    }

    public PolicySettings withBytesLimiting(BytesLimiting o) {
        return new PolicySettings(name, type, latency, numericAttribute, probabilistic, statusCode, stringAttribute,
                rateLimiting, o, spanCount, traceState, booleanAttribute, ottlCondition, and, composite, drop);
    }

    public PolicySettings withSpanCount(SpanCount o) {
        return new PolicySettings(name, type, latency, numericAttribute, probabilistic, statusCode, stringAttribute,
                rateLimiting, bytesLimiting, o, traceState, booleanAttribute, ottlCondition, and, composite, drop);
    }

    public PolicySettings withTraceState(TraceState o) {
        return new PolicySettings(name, type, latency, numericAttribute, probabilistic, statusCode, stringAttribute,
                rateLimiting, bytesLimiting, spanCount, o, booleanAttribute, ottlCondition, and, composite, drop);
    }

    public PolicySettings withBooleanAttribute(BooleanAttribute o) {
        return new PolicySettings(name, type, latency, numericAttribute, probabilistic, statusCode, stringAttribute,
                rateLimiting, bytesLimiting, spanCount, traceState, o, ottlCondition, and, composite, drop);
    }

    public PolicySettings withOttlCondition(OttlCondition o) {
        return new PolicySettings(name, type, latency, numericAttribute, probabilistic, statusCode, stringAttribute,
                rateLimiting, bytesLimiting, spanCount, traceState, booleanAttribute, o, and, composite, drop);
    }

    public PolicySettings withAnd(And o) {
        return new PolicySettings(name, type, latency, numericAttribute, probabilistic, statusCode, stringAttribute,
                rateLimiting, bytesLimiting, spanCount, traceState, booleanAttribute, ottlCondition, o, composite, drop);
    }

    public PolicySettings withComposite(Composite o) {
        return new PolicySettings(name, type, latency, numericAttribute, probabilistic, statusCode, stringAttribute,
                rateLimiting, bytesLimiting, spanCount, traceState, booleanAttribute, ottlCondition, and, o, drop);
    }

    public PolicySettings withDrop(Drop o) {
        return new PolicySettings(name, type, latency, numericAttribute, probabilistic, statusCode, stringAttribute,
                rateLimiting, bytesLimiting, spanCount, traceState, booleanAttribute, ottlCondition, and, composite, o);
    }

    /** {@code latency}: {@code threshold_ms}, {@code upper_threshold_ms} (0: no upper bound). */
    public record Latency(long thresholdMs, long upperThresholdMs) {
    }

    /** {@code numeric_attribute}: {@code key}, {@code min_value}, {@code max_value} (0: unbounded), {@code invert_match}. */
    public record NumericAttribute(String key, long minValue, long maxValue, boolean invertMatch) {
    }

    /** {@code probabilistic}: {@code hash_salt}, {@code sampling_percentage}. */
    public record Probabilistic(String hashSalt, double samplingPercentage) {
    }

    /** {@code status_code}: {@code status_codes} among OK, ERROR, UNSET. */
    public record StatusCode(List<String> statusCodes) {
    }

    /** {@code string_attribute}: {@code key}, {@code values}, {@code enabled_regex_matching}, {@code cache_max_size}, {@code invert_match}. */
    public record StringAttribute(String key, List<String> values, boolean enabledRegexMatching, int cacheMaxSize,
                                  boolean invertMatch) {
    }

    /** {@code rate_limiting}: {@code spans_per_second}, {@code burst_capacity} (0: twice spans_per_second). */
    public record RateLimiting(long spansPerSecond, long burstCapacity) {
    }

    /** {@code bytes_limiting}: {@code bytes_per_second}, {@code burst_capacity} (0: twice bytes_per_second). */
    public record BytesLimiting(long bytesPerSecond, long burstCapacity) {
    }

    /** {@code span_count}: {@code min_spans}, {@code max_spans} (0: no upper bound). */
    public record SpanCount(long minSpans, long maxSpans) {
    }

    /** {@code trace_state}: {@code key}, {@code values}. */
    public record TraceState(String key, List<String> values) {
    }

    /** {@code boolean_attribute}: {@code key}, {@code value}, {@code invert_match}. */
    public record BooleanAttribute(String key, boolean value, boolean invertMatch) {
    }

    /** {@code ottl_condition}: {@code error_mode}, {@code span}, {@code spanevent} (OTTL condition lists). */
    public record OttlCondition(String errorMode, List<String> span, List<String> spanevent) {
    }

    /** {@code and}: {@code and_sub_policy}. */
    public record And(List<PolicySettings> andSubPolicy) {
    }

    /** {@code drop}: {@code drop_sub_policy}. */
    public record Drop(List<PolicySettings> dropSubPolicy) {
    }

    /** {@code composite}: {@code max_total_spans_per_second}, {@code policy_order}, {@code composite_sub_policy}, {@code rate_allocation}. */
    public record Composite(long maxTotalSpansPerSecond, List<String> policyOrder, List<PolicySettings> compositeSubPolicy,
                            List<RateAllocation> rateAllocation) {
    }

    /** One {@code rate_allocation} entry: {@code policy}, {@code percent}. */
    public record RateAllocation(String policy, long percent) {
    }
}
