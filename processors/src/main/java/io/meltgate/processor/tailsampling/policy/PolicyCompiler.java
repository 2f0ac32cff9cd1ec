package io.meltgate.processor.tailsampling.policy;

import io.meltgate.ottl.OttlContextKind;
import io.meltgate.ottl.OttlParser;
import io.meltgate.ottl.ParseError;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Turns the {@code policies} of the settings into evaluators, and checks them. Every span-inspecting policy
 * registers a {@link SpanPredicate} whose answer becomes one bit of each trace's summary.
 */
public final class PolicyCompiler {

    /** Every policy type the Collector has, by its YAML name. */
    public static final Set<String> TYPES = Set.of("always_sample", "latency", "numeric_attribute", "probabilistic",
            "status_code", "string_attribute", "rate_limiting", "bytes_limiting", "span_count", "trace_state",
            "trace_flags", "boolean_attribute", "ottl_condition", "and", "composite", "drop");
    private static final Set<String> STATUS_CODES = Set.of("OK", "ERROR", "UNSET");
    /** Predicates are bits of one long in the trace summary. */
    public static final int MAX_PREDICATES = 64;

    /** A top-level policy, ready to run. */
    public record NamedPolicy(String name, SamplingPolicy policy, boolean drop) {
    }

    /** The compiled policies: drop policies first (their decision overrides all), then the rest in YAML order. */
    public record Compiled(List<SpanPredicate> predicates, List<NamedPolicy> policies) {
    }

    private final List<SpanPredicate> predicates = new ArrayList<>();

    private PolicyCompiler() {
    }

    public static Compiled compile(List<PolicySettings> settings) {
        List<String> problems = validate(settings);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        PolicyCompiler c = new PolicyCompiler();
        List<NamedPolicy> drops = new ArrayList<>();
        List<NamedPolicy> others = new ArrayList<>();
        for (PolicySettings p : settings) {
            NamedPolicy np = new NamedPolicy(p.name(), c.build(p), p.type().equals("drop"));
            (np.drop() ? drops : others).add(np);
        }
        drops.addAll(others);
        return new Compiled(List.copyOf(c.predicates), List.copyOf(drops));
    }

    private int register(SpanPredicate predicate) {
        predicates.add(predicate);
        return predicates.size() - 1;
    }

    private SamplingPolicy build(PolicySettings p) {
        return switch (p.type()) {
            case "always_sample" -> new AlwaysSamplePolicy();
            case "latency" -> {
                PolicySettings.Latency o = p.latency() == null ? new PolicySettings.Latency(0, 0) : p.latency();
                yield new LatencyPolicy(o.thresholdMs(), o.upperThresholdMs());
            }
            case "numeric_attribute" -> {
                PolicySettings.NumericAttribute o = p.numericAttribute();
                yield new PredicatePolicy(register(new NumericAttributePredicate(o.key(), o.minValue(), o.maxValue())),
                        o.invertMatch());
            }
            case "probabilistic" -> {
                PolicySettings.Probabilistic o = p.probabilistic() == null
                        ? new PolicySettings.Probabilistic("", 0) : p.probabilistic();
                yield new ProbabilisticPolicy(o.hashSalt(), o.samplingPercentage());
            }
            case "status_code" -> new PredicatePolicy(register(new StatusCodePredicate(p.statusCode().statusCodes())), false);
            case "string_attribute" -> {
                PolicySettings.StringAttribute o = p.stringAttribute();
                yield new PredicatePolicy(register(new StringAttributePredicate(o.key(), nonNull(o.values()),
                        o.enabledRegexMatching(), o.cacheMaxSize())), o.invertMatch());
            }
            case "rate_limiting" -> new RateLimitingPolicy(p.rateLimiting().spansPerSecond(), p.rateLimiting().burstCapacity());
            case "bytes_limiting" -> new BytesLimitingPolicy(p.bytesLimiting().bytesPerSecond(), p.bytesLimiting().burstCapacity());
            case "span_count" -> {
                PolicySettings.SpanCount o = p.spanCount() == null ? new PolicySettings.SpanCount(0, 0) : p.spanCount();
                yield new SpanCountPolicy(o.minSpans(), o.maxSpans());
            }
            case "trace_state" -> new PredicatePolicy(register(new TraceStatePredicate(p.traceState().key(),
                    nonNull(p.traceState().values()))), false);
            case "trace_flags" -> new PredicatePolicy(register(new TraceFlagsPredicate()), false);
            case "boolean_attribute" -> {
                PolicySettings.BooleanAttribute o = p.booleanAttribute();
                yield new PredicatePolicy(register(new BooleanAttributePredicate(o.key(), o.value())), o.invertMatch());
            }
            case "ottl_condition" -> {
                PolicySettings.OttlCondition o = p.ottlCondition();
                try {
                    yield new PredicatePolicy(register(new OttlConditionPredicate("tail_sampling policy " + p.name(),
                            o.span(), o.spanevent(), OttlConditionPredicate.errorMode(o.errorMode()))), false);
                } catch (ParseError e) {
                    throw new IllegalArgumentException(e.getMessage(), e);
                }
            }
            case "and" -> new AndPolicy(p.and().andSubPolicy().stream().map(this::build).toList());
            case "drop" -> new DropPolicy(p.drop().dropSubPolicy().stream().map(this::build).toList());
            case "composite" -> buildComposite(p.composite());
            default -> throw new IllegalArgumentException("unsupported policy type " + p.type());
        };
    }

    private SamplingPolicy buildComposite(PolicySettings.Composite c) {
        // As the Collector: a rate_allocation percent > 0 gives that share of max_total_spans_per_second; a percent
        // of 0 gives an equal share; a sub-policy without an allocation gets none.
        double total = c.maxTotalSpansPerSecond();
        double equalShare = total / c.compositeSubPolicy().size();
        Map<String, Long> allocation = new HashMap<>();
        for (PolicySettings.RateAllocation a : nonNull(c.rateAllocation())) {
            allocation.put(a.policy(), (long) (a.percent() > 0 ? a.percent() / 100.0 * total : equalShare));
        }
        List<CompositePolicy.SubPolicy> subs = new ArrayList<>();
        for (PolicySettings sp : c.compositeSubPolicy()) {
            subs.add(new CompositePolicy.SubPolicy(build(sp), allocation.getOrDefault(sp.name(), 0L)));
        }
        return new CompositePolicy(c.maxTotalSpansPerSecond(), subs);
    }

    private static <T> List<T> nonNull(List<T> list) {
        return list == null ? List.of() : list;
    }

    /** Every problem with the policies, each naming the policy by its path; empty when they can all be built. */
    public static List<String> validate(List<PolicySettings> policies) {
        List<String> problems = new ArrayList<>();
        if (policies == null || policies.isEmpty()) {
            problems.add("policies: at least one policy is required");
            return problems;
        }
        Set<String> names = new HashSet<>();
        int[] predicateCount = {0};
        for (int i = 0; i < policies.size(); i++) {
            PolicySettings p = policies.get(i);
            String path = "policies[" + i + "]";
            if (p != null && p.name() != null && !p.name().isEmpty() && !names.add(p.name())) {
                problems.add(path + ": duplicate policy name \"" + p.name() + "\"");
            }
            validateOne(p, path, 0, problems, predicateCount);
        }
        if (predicateCount[0] > MAX_PREDICATES) {
            problems.add("policies: at most " + MAX_PREDICATES + " span-inspecting policies (attribute, status_code,"
                    + " trace_state, trace_flags) are supported, found " + predicateCount[0]);
        }
        return problems;
    }

    /** @param nesting 0 top level, 1 inside and/drop/composite, 2 inside an and inside a composite */
    private static void validateOne(PolicySettings p, String path, int nesting, List<String> problems, int[] predicates) {
        if (p == null) {
            problems.add(path + ": empty policy");
            return;
        }
        if (p.name() == null || p.name().isEmpty()) {
            problems.add(path + ".name: policy name cannot be empty");
        }
        String type = p.type();
        if (type == null || !TYPES.contains(type)) {
            problems.add(path + ".type: unknown sampling policy type \"" + type + "\"; known types: "
                    + String.join(", ", new java.util.TreeSet<>(TYPES)));
            return;
        }
        String at = path + "." + type;
        switch (type) {
            case "latency" -> {
                if (p.latency() != null && (p.latency().thresholdMs() < 0 || p.latency().upperThresholdMs() < 0
                        || (p.latency().upperThresholdMs() != 0 && p.latency().upperThresholdMs() < p.latency().thresholdMs()))) {
                    problems.add(at + ": threshold_ms and upper_threshold_ms must be >= 0, and upper_threshold_ms >= threshold_ms when set");
                }
            }
            case "numeric_attribute" -> {
                predicates[0]++;
                PolicySettings.NumericAttribute o = p.numericAttribute();
                if (o == null || o.key() == null || o.key().isEmpty()) {
                    problems.add(at + ".key: required");
                } else if (o.minValue() != 0 && o.maxValue() != 0 && o.maxValue() < o.minValue()) {
                    problems.add(at + ": max_value must be >= min_value");
                }
            }
            case "probabilistic" -> {
                if (p.probabilistic() != null && (p.probabilistic().samplingPercentage() < 0
                        || Double.isNaN(p.probabilistic().samplingPercentage()))) {
                    problems.add(at + ".sampling_percentage: must be >= 0");
                }
            }
            case "status_code" -> {
                predicates[0]++;
                List<String> codes = p.statusCode() == null ? null : p.statusCode().statusCodes();
                if (codes == null || codes.isEmpty()) {
                    problems.add(at + ".status_codes: expected at least one status code (OK, ERROR, UNSET)");
                } else {
                    for (String c : codes) {
                        if (!STATUS_CODES.contains(c)) {
                            problems.add(at + ".status_codes: unknown status code \"" + c + "\", expected OK, ERROR or UNSET");
                        }
                    }
                }
            }
            case "string_attribute" -> {
                predicates[0]++;
                PolicySettings.StringAttribute o = p.stringAttribute();
                if (o == null || o.key() == null || o.key().isEmpty()) {
                    problems.add(at + ".key: required");
                } else if (o.values() == null || o.values().isEmpty()) {
                    problems.add(at + ".values: at least one value is required");
                } else if (o.enabledRegexMatching()) {
                    for (String v : o.values()) {
                        try {
                            Pattern.compile(v);
                        } catch (PatternSyntaxException e) {
                            problems.add(at + ".values: invalid regular expression \"" + v + "\": " + e.getDescription());
                        }
                    }
                }
            }
            case "rate_limiting" -> {
                if (p.rateLimiting() == null || p.rateLimiting().spansPerSecond() <= 0 || p.rateLimiting().burstCapacity() < 0) {
                    problems.add(at + ".spans_per_second: must be > 0 (and burst_capacity >= 0)");
                }
            }
            case "bytes_limiting" -> {
                if (p.bytesLimiting() == null || p.bytesLimiting().bytesPerSecond() <= 0 || p.bytesLimiting().burstCapacity() < 0) {
                    problems.add(at + ".bytes_per_second: must be > 0 (and burst_capacity >= 0)");
                }
            }
            case "span_count" -> {
                PolicySettings.SpanCount o = p.spanCount();
                if (o != null && (o.minSpans() < 0 || o.maxSpans() < 0 || (o.maxSpans() != 0 && o.maxSpans() < o.minSpans()))) {
                    problems.add(at + ": min_spans and max_spans must be >= 0, and max_spans >= min_spans when set");
                }
            }
            case "trace_state" -> {
                predicates[0]++;
                PolicySettings.TraceState o = p.traceState();
                if (o == null || o.key() == null || o.key().isEmpty()) {
                    problems.add(at + ".key: required");
                } else if (o.values() == null || o.values().isEmpty()) {
                    problems.add(at + ".values: at least one value is required");
                } else {
                    for (String v : o.values()) {
                        if (o.key().length() + v.length() + 1 > 256) {
                            problems.add(at + ".values: the member \"" + o.key() + "=" + v + "\" is longer than 256 characters");
                        }
                    }
                }
            }
            case "trace_flags" -> predicates[0]++;
            case "boolean_attribute" -> {
                predicates[0]++;
                if (p.booleanAttribute() == null || p.booleanAttribute().key() == null || p.booleanAttribute().key().isEmpty()) {
                    problems.add(at + ".key: required");
                }
            }
            case "ottl_condition" -> {
                predicates[0]++;
                PolicySettings.OttlCondition o = p.ottlCondition();
                if (o == null || ((o.span() == null || o.span().isEmpty()) && (o.spanevent() == null || o.spanevent().isEmpty()))) {
                    problems.add(at + ": at least one span or spanevent condition is required");
                } else {
                    try {
                        OttlConditionPredicate.errorMode(o.errorMode());
                    } catch (IllegalArgumentException e) {
                        problems.add(at + ".error_mode: expected propagate, ignore or silent, got \"" + o.errorMode() + "\"");
                    }
                    try {
                        OttlParser.parseConditions(o.span() == null ? List.of() : o.span(), OttlContextKind.SPAN);
                        OttlParser.parseConditions(o.spanevent() == null ? List.of() : o.spanevent(), OttlContextKind.SPANEVENT);
                    } catch (ParseError e) {
                        problems.add(at + ": " + e.getMessage());
                    }
                }
            }
            case "and" -> validateSubPolicies(p.and() == null ? null : p.and().andSubPolicy(), at + ".and_sub_policy",
                    nesting, problems, predicates, Set.of("and", "composite", "drop"));
            case "drop" -> {
                if (nesting > 0) {
                    problems.add(at + ": a drop policy is only allowed at the top level of policies");
                }
                validateSubPolicies(p.drop() == null ? null : p.drop().dropSubPolicy(), at + ".drop_sub_policy",
                        nesting, problems, predicates, Set.of("and", "composite", "drop"));
            }
            case "composite" -> {
                if (nesting > 0) {
                    problems.add(at + ": a composite policy is only allowed at the top level of policies");
                }
                validateComposite(p.composite(), at, nesting, problems, predicates);
            }
            default -> {
            }
        }
    }

    private static void validateSubPolicies(List<PolicySettings> subs, String path, int nesting, List<String> problems,
                                            int[] predicates, Set<String> forbidden) {
        if (subs == null || subs.isEmpty()) {
            problems.add(path + ": at least one sub-policy is required");
            return;
        }
        for (int i = 0; i < subs.size(); i++) {
            PolicySettings s = subs.get(i);
            String sp = path + "[" + i + "]";
            if (s != null && s.type() != null && forbidden.contains(s.type())) {
                problems.add(sp + ".type: a " + s.type() + " policy is not allowed here");
                continue;
            }
            validateOne(s, sp, nesting + 1, problems, predicates);
        }
    }

    private static void validateComposite(PolicySettings.Composite c, String at, int nesting, List<String> problems,
                                          int[] predicates) {
        if (c == null) {
            problems.add(at + ": composite_sub_policy and max_total_spans_per_second are required");
            return;
        }
        if (c.maxTotalSpansPerSecond() <= 0) {
            problems.add(at + ".max_total_spans_per_second: must be > 0");
        }
        List<PolicySettings> subs = c.compositeSubPolicy();
        // Inside a composite an `and` is allowed (as in the Collector), but not another composite or a drop.
        validateSubPolicies(subs, at + ".composite_sub_policy", nesting, problems, predicates, Set.of("composite", "drop"));
        Set<String> subNames = new HashSet<>();
        if (subs != null) {
            for (PolicySettings s : subs) {
                if (s != null && s.name() != null) {
                    subNames.add(s.name());
                }
            }
        }
        if (c.policyOrder() != null) {
            for (String n : c.policyOrder()) {
                if (!subNames.contains(n)) {
                    problems.add(at + ".policy_order: \"" + n + "\" is not a composite_sub_policy name");
                }
            }
        }
        long sum = 0;
        if (c.rateAllocation() != null) {
            for (PolicySettings.RateAllocation a : c.rateAllocation()) {
                if (a == null || !subNames.contains(a.policy())) {
                    problems.add(at + ".rate_allocation: \"" + (a == null ? null : a.policy())
                            + "\" is not a composite_sub_policy name");
                } else if (a.percent() < 0) {
                    problems.add(at + ".rate_allocation: percent of \"" + a.policy() + "\" must be >= 0");
                } else {
                    sum += a.percent();
                }
            }
        }
        if (sum > 100) {
            problems.add(at + ".rate_allocation: the percents add up to " + sum + ", more than 100");
        }
    }
}
