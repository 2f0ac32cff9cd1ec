package io.meltgate.processor.tailsampling.policy;

import io.opentelemetry.proto.common.v1.AnyValue;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code string_attribute}: exact values, or with {@code enabled_regex_matching} regular expressions that match
 * anywhere in the value (Go's {@code regexp.MatchString}), with an LRU cache of {@code cache_max_size} results.
 */
public final class StringAttributePredicate extends AttributePredicate {

    /** The Collector's cache size when {@code cache_max_size} is 0. */
    public static final int DEFAULT_CACHE_SIZE = 128;

    private final Set<String> exact;
    private final List<Pattern> patterns;
    private final Map<String, Boolean> regexResults;

    public StringAttributePredicate(String key, List<String> values, boolean regex, int cacheMaxSize) {
        super(key);
        if (regex) {
            this.exact = Set.of();
            this.patterns = values.stream().map(Pattern::compile).toList();
            int capacity = cacheMaxSize > 0 ? cacheMaxSize : DEFAULT_CACHE_SIZE;
            this.regexResults = new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                    return size() > capacity;
                }
            };
        } else {
            this.exact = Set.copyOf(values);
            this.patterns = null;
            this.regexResults = null;
        }
    }

    @Override
    protected boolean matchesValue(AnyValue value) {
        if (value.getValueCase() != AnyValue.ValueCase.STRING_VALUE) {
            return false;
        }
        String s = value.getStringValue();
        if (patterns == null) {
            return exact.contains(s);
        }
        Boolean cached = regexResults.get(s);
        if (cached != null) {
            return cached;
        }
        boolean found = false;
        for (Pattern p : patterns) {
            if (p.matcher(s).find()) {
                found = true;
                break;
            }
        }
        regexResults.put(s, found);
        return found;
    }
}
