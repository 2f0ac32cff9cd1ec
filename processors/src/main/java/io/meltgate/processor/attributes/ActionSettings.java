package io.meltgate.processor.attributes;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One entry of {@code actions} (attributes processor) or {@code attributes} (resource processor).
 *
 * @param key the attribute acted on
 * @param value the value for insert/update/upsert (string, int, double, bool)
 * @param pattern a regular expression: for delete/hash, the keys to act on; for extract, the rule whose named
 *     groups become attributes
 * @param fromAttribute take the value of this attribute instead of {@code value}
 * @param fromContext take the value from the request: {@code client.address} or {@code metadata.<header>}
 *     (needs {@code include_metadata} on the receiver)
 * @param convertedType for convert: {@code int}, {@code double} or {@code string}
 * @param action what to do
 */
public record ActionSettings(String key, Object value, String pattern, String fromAttribute, String fromContext,
                             String convertedType, ActionType action) {

    private static final Set<String> TYPES = Set.of("int", "double", "string");

    /** Every problem with this action, prefixed by {@code where} ({@code actions[2]}). */
    public List<String> problems(String where) {
        List<String> p = new ArrayList<>();
        if (action == null) {
            p.add(where + ": action is required (insert, update, upsert, delete, hash, extract, convert)");
            return p;
        }
        boolean hasKey = key != null && !key.isEmpty();
        switch (action) {
            case INSERT, UPDATE, UPSERT -> {
                if (!hasKey) {
                    p.add(where + ": key is required for " + name());
                }
                int sources = (value != null ? 1 : 0) + (fromAttribute != null ? 1 : 0) + (fromContext != null ? 1 : 0);
                if (sources != 1) {
                    p.add(where + ": exactly one of value, from_attribute or from_context is required for " + name());
                }
            }
            case DELETE, HASH -> {
                if (!hasKey && pattern == null) {
                    p.add(where + ": key or pattern is required for " + name());
                }
            }
            case EXTRACT -> {
                if (!hasKey || pattern == null) {
                    p.add(where + ": key and pattern are required for extract");
                } else if (ExtractRule.groupNames(pattern).isEmpty()) {
                    p.add(where + ": pattern needs at least one named group (?P<name>...) for extract");
                }
            }
            case CONVERT -> {
                if (!hasKey) {
                    p.add(where + ": key is required for convert");
                }
                if (convertedType == null || !TYPES.contains(convertedType)) {
                    p.add(where + ": converted_type must be int, double or string");
                }
            }
            default -> {
            }
        }
        if (pattern != null) {
            try {
                Pattern.compile(ExtractRule.toJava(pattern, new ArrayList<>()));
            } catch (PatternSyntaxException e) {
                p.add(where + ": pattern is not a valid regular expression: " + e.getDescription());
            }
        }
        if (fromContext != null && !fromContext.equals("client.address") && !fromContext.startsWith("metadata.")) {
            p.add(where + ": from_context must be client.address or metadata.<key>");
        }
        return p;
    }

    /** This action taking its value from another attribute. */
    public ActionSettings withFromAttribute(String attribute) {
        return new ActionSettings(key, null, pattern, attribute, null, convertedType, action);
    }

    /** This action with a literal value. */
    public ActionSettings withValue(Object v) {
        return new ActionSettings(key, v, pattern, null, null, convertedType, action);
    }

    private String name() {
        return action.name().toLowerCase(java.util.Locale.ROOT);
    }
}
