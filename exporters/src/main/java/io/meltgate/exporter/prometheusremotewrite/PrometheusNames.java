package io.meltgate.exporter.prometheusremotewrite;

import io.opentelemetry.proto.metrics.v1.Metric;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns OpenTelemetry metric and attribute names into Prometheus metric and label names, by the rules of the
 * OpenTelemetry-Prometheus compatibility specification as the Collector's translator implements them
 * ({@code pkg/translator/prometheus}): characters outside {@code [a-zA-Z0-9]} become word breaks, the unit is
 * appended as words ({@code ms} becomes {@code milliseconds}, {@code By/s} becomes {@code bytes_per_second}),
 * monotonic counters end in {@code _total}, gauges of unit {@code 1} end in {@code _ratio}.
 *
 * <p>Thread-safe. Label names are cached, since the same few attribute keys come back in every batch.
 */
final class PrometheusNames {

    /** Units spelt out, as the Collector's translator spells them; a unit not listed is used as written. */
    static final Map<String, String> UNIT_WORDS = Map.ofEntries(
            Map.entry("d", "days"), Map.entry("h", "hours"), Map.entry("min", "minutes"),
            Map.entry("s", "seconds"), Map.entry("ms", "milliseconds"), Map.entry("us", "microseconds"),
            Map.entry("ns", "nanoseconds"),
            Map.entry("By", "bytes"), Map.entry("KiBy", "kibibytes"), Map.entry("MiBy", "mebibytes"),
            Map.entry("GiBy", "gibibytes"), Map.entry("TiBy", "tibibytes"), Map.entry("KBy", "kilobytes"),
            Map.entry("MBy", "megabytes"), Map.entry("GBy", "gigabytes"), Map.entry("TBy", "terabytes"),
            Map.entry("m", "meters"), Map.entry("V", "volts"), Map.entry("A", "amperes"), Map.entry("J", "joules"),
            Map.entry("W", "watts"), Map.entry("g", "grams"),
            Map.entry("Cel", "celsius"), Map.entry("Hz", "hertz"), Map.entry("1", ""), Map.entry("%", "percent"));

    /** The denominators of {@code x/y} units, singular: {@code By/s} is {@code bytes_per_second}. */
    static final Map<String, String> PER_UNIT_WORDS = Map.of(
            "s", "second", "m", "minute", "h", "hour", "d", "day", "w", "week", "mo", "month", "y", "year");

    private static final int LABEL_CACHE_LIMIT = 10_000;

    private final boolean addMetricSuffixes;
    private final String namespace;
    private final Map<String, String> labelNames = new ConcurrentHashMap<>();
    private final Map<String, String> metricNames = new ConcurrentHashMap<>();

    /**
     * @param addMetricSuffixes {@code add_metric_suffixes}: unit, {@code _total} and {@code _ratio} suffixes
     * @param namespace {@code namespace}: a prefix for every metric name ("" for none)
     */
    PrometheusNames(boolean addMetricSuffixes, String namespace) {
        this.addMetricSuffixes = addMetricSuffixes;
        this.namespace = namespace == null ? "" : namespace;
    }

    /** The Prometheus name of a metric's main series (without {@code _bucket}, {@code _sum}, ...). */
    String metricName(Metric metric) {
        // The name depends on the OTLP name, the unit and the kind only; the same few come back in every batch.
        String key = metric.getName() + '\u0000' + metric.getUnit() + '\u0000' + kindForNaming(metric);
        String cached = metricNames.get(key);
        if (cached != null) {
            return cached;
        }
        String name = computeMetricName(metric);
        if (metricNames.size() < LABEL_CACHE_LIMIT) {
            metricNames.put(key, name);
        }
        return name;
    }

    private static char kindForNaming(Metric metric) {
        return isMonotonicSum(metric) ? 'c' : metric.hasGauge() ? 'g' : 'o';
    }

    private String computeMetricName(Metric metric) {
        if (addMetricSuffixes) {
            return normalizedName(metric);
        }
        String name = removeForbiddenCharacters(metric.getName());
        if (!namespace.isEmpty()) {
            return namespace + "_" + name;
        }
        return startsWithDigit(name) ? "_" + name : name;
    }

    /** Prefixes {@code namespace} to a name the exporter invents ({@code target_info}). */
    String withNamespace(String name) {
        return namespace.isEmpty() ? name : namespace + "_" + name;
    }

    private String normalizedName(Metric metric) {
        List<String> tokens = words(metric.getName());
        String unit = metric.getUnit();
        int slash = unit.indexOf('/');
        String mainUnit = (slash < 0 ? unit : unit.substring(0, slash)).trim();
        String perUnit = slash < 0 ? "" : unit.substring(slash + 1).trim();
        if (!mainUnit.isEmpty() && !containsBraces(mainUnit)) {
            String word = String.join("_", words(UNIT_WORDS.getOrDefault(mainUnit, mainUnit)));
            if (!word.isEmpty() && !tokens.contains(word)) {
                tokens.add(word);
            }
        }
        if (!perUnit.isEmpty() && !containsBraces(perUnit)) {
            String word = String.join("_", words(PER_UNIT_WORDS.getOrDefault(perUnit, perUnit)));
            if (!word.isEmpty() && !tokens.contains(word)) {
                tokens.add("per");
                tokens.add(word);
            }
        }
        if (isMonotonicSum(metric)) {
            tokens.removeIf("total"::equals);
            tokens.add("total");
        }
        if ("1".equals(unit) && metric.hasGauge()) {
            tokens.removeIf("ratio"::equals);
            tokens.add("ratio");
        }
        if (!namespace.isEmpty()) {
            tokens.add(0, namespace);
        }
        String name = String.join("_", tokens);
        return startsWithDigit(name) ? "_" + name : name;
    }

    static boolean isMonotonicSum(Metric metric) {
        return metric.hasSum() && metric.getSum().getIsMonotonic();
    }

    /**
     * A Prometheus label name for an attribute key: characters outside {@code [a-zA-Z0-9_]} become {@code _};
     * a leading digit gets the prefix {@code key_}; a single leading underscore gets {@code key} (names
     * starting with {@code __} are Prometheus's own and are kept).
     */
    String labelName(String key) {
        String cached = labelNames.get(key);
        if (cached != null) {
            return cached;
        }
        String name = sanitizeLabelName(key);
        if (labelNames.size() < LABEL_CACHE_LIMIT) {
            labelNames.put(key, name);
        }
        return name;
    }

    static String sanitizeLabelName(String key) {
        if (key.isEmpty()) {
            return key;
        }
        StringBuilder b = null;
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (!isAsciiLetterOrDigit(c) && c != '_') {
                if (b == null) {
                    b = new StringBuilder(key.length()).append(key, 0, i);
                }
                b.append('_');
            } else if (b != null) {
                b.append(c);
            }
        }
        String name = b == null ? key : b.toString();
        if (startsWithDigit(name)) {
            return "key_" + name;
        }
        if (name.startsWith("_") && !name.startsWith("__")) {
            return "key" + name;
        }
        return name;
    }

    /** The maximal runs of {@code [a-zA-Z0-9]} in a string. */
    static List<String> words(String s) {
        List<String> words = new ArrayList<>(6);
        int start = -1;
        for (int i = 0; i < s.length(); i++) {
            if (isAsciiLetterOrDigit(s.charAt(i))) {
                if (start < 0) {
                    start = i;
                }
            } else if (start >= 0) {
                words.add(s.substring(start, i));
                start = -1;
            }
        }
        if (start >= 0) {
            words.add(s.substring(start));
        }
        return words;
    }

    /** Runs of characters other than {@code [a-zA-Z0-9_:]} become one {@code _} (leading and trailing ones go). */
    static String removeForbiddenCharacters(String s) {
        List<String> parts = new ArrayList<>(4);
        int start = -1;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean allowed = isAsciiLetterOrDigit(c) || c == '_' || c == ':';
            if (allowed && start < 0) {
                start = i;
            } else if (!allowed && start >= 0) {
                parts.add(s.substring(start, i));
                start = -1;
            }
        }
        if (start >= 0) {
            parts.add(s.substring(start));
        }
        return String.join("_", parts);
    }

    private static boolean containsBraces(String unit) {
        return unit.indexOf('{') >= 0 || unit.indexOf('}') >= 0;
    }

    private static boolean startsWithDigit(String s) {
        return !s.isEmpty() && s.charAt(0) >= '0' && s.charAt(0) <= '9';
    }

    private static boolean isAsciiLetterOrDigit(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }
}
