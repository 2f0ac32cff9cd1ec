package io.meltgate.ottl.func;

import io.meltgate.ottl.OttlContext;
import io.meltgate.ottl.OttlEvalException;
import io.meltgate.ottl.eval.Editor;
import io.meltgate.ottl.eval.Expr;
import io.meltgate.ottl.eval.MapAccess;
import io.meltgate.ottl.eval.Settable;
import io.meltgate.ottl.eval.Values;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.common.v1.KeyValueList;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The editors (functions that change the item) meltgate supports, with the Collector's semantics. Each one
 * writes only when the result differs, so an item it does not change keeps its instance.
 */
final class Editors {

    private Editors() {
    }

    static Editor set(Settable target, Expr value) {
        return ctx -> target.set(ctx, value.eval(ctx));
    }

    static Editor deleteKey(MapAccess map, Expr key) {
        return ctx -> {
            Object k = key.eval(ctx);
            if (k instanceof String s) {
                removeIf(ctx, map, kv -> kv.getKey().equals(s));
            }
        };
    }

    static Editor deleteMatchingKeys(MapAccess map, Pattern p) {
        return ctx -> removeIf(ctx, map, kv -> p.matcher(kv.getKey()).find());
    }

    static Editor keepKeys(MapAccess map, List<String> keys) {
        Set<String> keep = new HashSet<>(keys);
        return ctx -> removeIf(ctx, map, kv -> !keep.contains(kv.getKey()));
    }

    static Editor keepMatchingKeys(MapAccess map, Pattern p) {
        return ctx -> removeIf(ctx, map, kv -> !p.matcher(kv.getKey()).find());
    }

    private static void removeIf(OttlContext ctx, MapAccess map, Predicate<KeyValue> drop) {
        List<KeyValue> entries = map.read(ctx);
        List<KeyValue> kept = null;
        for (int i = 0; i < entries.size(); i++) {
            KeyValue kv = entries.get(i);
            if (drop.test(kv)) {
                if (kept == null) {
                    kept = new ArrayList<>(entries.subList(0, i));
                }
            } else if (kept != null) {
                kept.add(kv);
            }
        }
        if (kept != null) {
            map.write(ctx, kept);
        }
    }

    /** Keeps at most {@code limit} entries: the priority keys first, then the others in their order. */
    static Editor limit(MapAccess map, long limit, List<String> priorityKeys) {
        Set<String> priority = new HashSet<>(priorityKeys);
        return ctx -> {
            List<KeyValue> entries = map.read(ctx);
            if (entries.size() <= limit) {
                return;
            }
            long room = limit;
            for (KeyValue kv : entries) {
                if (priority.contains(kv.getKey())) {
                    room--;
                }
            }
            List<KeyValue> kept = new ArrayList<>();
            for (KeyValue kv : entries) {
                if (priority.contains(kv.getKey())) {
                    kept.add(kv);
                } else if (room > 0) {
                    kept.add(kv);
                    room--;
                }
            }
            map.write(ctx, kept);
        };
    }

    /** Cuts every string value of the map to at most {@code limit} characters. */
    static Editor truncateAll(MapAccess map, long limit) {
        return ctx -> {
            List<KeyValue> entries = map.read(ctx);
            List<KeyValue> out = null;
            for (int i = 0; i < entries.size(); i++) {
                KeyValue kv = entries.get(i);
                if (kv.getValue().hasStringValue() && kv.getValue().getStringValue().length() > limit) {
                    if (out == null) {
                        out = new ArrayList<>(entries);
                    }
                    String cut = kv.getValue().getStringValue().substring(0, (int) limit);
                    out.set(i, kv.toBuilder().setValue(AnyValue.newBuilder().setStringValue(cut)).build());
                }
            }
            if (out != null) {
                map.write(ctx, out);
            }
        };
    }

    /** How a replacement is finished: the optional function, then the optional format around its result. */
    record Finish(UnaryOperator<String> function, String format) {
        String apply(String replaced) {
            String s = function != null ? function.apply(replaced) : replaced;
            if (format != null) {
                int at = format.indexOf("%s");
                s = at < 0 ? format : format.substring(0, at) + s + format.substring(at + 2);
            }
            return s;
        }
    }

    static Editor replacePattern(Settable target, Pattern p, Expr replacement, Finish finish) {
        return ctx -> {
            Object v = target.eval(ctx);
            if (v instanceof String s) {
                String r = replaceAll(s, p, replacementOf(ctx, replacement), finish);
                if (!r.equals(s)) {
                    target.set(ctx, r);
                }
            }
        };
    }

    static Editor replaceAllPatterns(MapAccess map, String mode, Pattern p, Expr replacement, Finish finish) {
        boolean keys = mode.equals("key");
        return ctx -> {
            String template = replacementOf(ctx, replacement);
            List<KeyValue> entries = map.read(ctx);
            List<KeyValue> out = null;
            for (int i = 0; i < entries.size(); i++) {
                KeyValue kv = entries.get(i);
                KeyValue changed = null;
                if (keys) {
                    String k = replaceAll(kv.getKey(), p, template, finish);
                    if (!k.equals(kv.getKey())) {
                        changed = kv.toBuilder().setKey(k).build();
                    }
                } else if (kv.getValue().hasStringValue()) {
                    String s = kv.getValue().getStringValue();
                    String r = replaceAll(s, p, template, finish);
                    if (!r.equals(s)) {
                        changed = kv.toBuilder().setValue(AnyValue.newBuilder().setStringValue(r)).build();
                    }
                }
                if (changed != null) {
                    if (out == null) {
                        out = new ArrayList<>(entries);
                    }
                    out.set(i, changed);
                }
            }
            if (out != null) {
                map.write(ctx, out);
            }
        };
    }

    static Editor replaceMatch(Settable target, Pattern glob, Expr replacement, Finish finish) {
        return ctx -> {
            Object v = target.eval(ctx);
            if (v instanceof String s && glob.matcher(s).matches()) {
                target.set(ctx, finish.apply(replacementOf(ctx, replacement)));
            }
        };
    }

    static Editor replaceAllMatches(MapAccess map, Pattern glob, Expr replacement, Finish finish) {
        return ctx -> {
            List<KeyValue> entries = map.read(ctx);
            List<KeyValue> out = null;
            String r = null;
            for (int i = 0; i < entries.size(); i++) {
                KeyValue kv = entries.get(i);
                if (kv.getValue().hasStringValue() && glob.matcher(kv.getValue().getStringValue()).matches()) {
                    if (r == null) {
                        r = finish.apply(replacementOf(ctx, replacement));
                    }
                    if (!r.equals(kv.getValue().getStringValue())) {
                        if (out == null) {
                            out = new ArrayList<>(entries);
                        }
                        out.set(i, kv.toBuilder().setValue(AnyValue.newBuilder().setStringValue(r)).build());
                    }
                }
            }
            if (out != null) {
                map.write(ctx, out);
            }
        };
    }

    static Editor mergeMaps(MapAccess target, Expr source, String strategy) {
        return ctx -> {
            Object src = source.eval(ctx);
            if (!(src instanceof KeyValueList m)) {
                return;
            }
            List<KeyValue> entries = target.read(ctx);
            List<KeyValue> out = new ArrayList<>(entries);
            boolean changed = false;
            for (KeyValue kv : m.getValuesList()) {
                int i = Values.indexOf(out, kv.getKey());
                boolean insert = i < 0 && !strategy.equals("update");
                boolean update = i >= 0 && !strategy.equals("insert") && !out.get(i).equals(kv);
                if (insert) {
                    out.add(kv);
                    changed = true;
                } else if (update) {
                    out.set(i, kv);
                    changed = true;
                }
            }
            if (changed) {
                target.write(ctx, out);
            }
        };
    }

    private static String replacementOf(OttlContext ctx, Expr replacement) {
        Object r = replacement.eval(ctx);
        if (!(r instanceof String s)) {
            throw new OttlEvalException("the replacement must be a string, got " + Values.typeOf(r).label());
        }
        return s;
    }

    /** Replaces every match, expanding Go-style {@code $1}, {@code ${name}} and {@code $$} in the template. */
    static String replaceAll(String s, Pattern p, String template, Finish finish) {
        Matcher m = p.matcher(s);
        if (!m.find()) {
            return s;
        }
        StringBuilder sb = new StringBuilder();
        int last = 0;
        do {
            sb.append(s, last, m.start());
            sb.append(finish.apply(expand(m, template)));
            last = m.end();
            if (m.end() == m.start()) {
                if (m.end() < s.length()) {
                    sb.append(s.charAt(m.end()));
                }
                last = m.end() + 1;
                if (last > s.length() || !m.find(last)) {
                    break;
                }
            } else if (!m.find()) {
                break;
            }
        } while (true);
        if (last < s.length()) {
            sb.append(s, last, s.length());
        }
        return sb.toString();
    }

    static String expand(Matcher m, String template) {
        if (template.indexOf('$') < 0) {
            return template;
        }
        StringBuilder sb = new StringBuilder();
        int i = 0;
        while (i < template.length()) {
            char c = template.charAt(i);
            if (c != '$' || i + 1 >= template.length()) {
                sb.append(c);
                i++;
                continue;
            }
            char d = template.charAt(i + 1);
            if (d == '$') {
                sb.append('$');
                i += 2;
                continue;
            }
            String name;
            int end;
            if (d == '{') {
                int close = template.indexOf('}', i + 2);
                if (close < 0) {
                    sb.append(c);
                    i++;
                    continue;
                }
                name = template.substring(i + 2, close);
                end = close + 1;
            } else {
                end = i + 1;
                while (end < template.length() && (Character.isLetterOrDigit(template.charAt(end)) || template.charAt(end) == '_')) {
                    end++;
                }
                name = template.substring(i + 1, end);
            }
            if (name.isEmpty()) {
                sb.append(c);
                i++;
                continue;
            }
            sb.append(group(m, name));
            i = end;
        }
        return sb.toString();
    }

    private static String group(Matcher m, String name) {
        try {
            String g = name.chars().allMatch(Character::isDigit) ? groupByNumber(m, Integer.parseInt(name)) : m.group(name);
            return g == null ? "" : g;
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            return "";
        }
    }

    private static String groupByNumber(Matcher m, int n) {
        return n <= m.groupCount() ? m.group(n) : null;
    }

    /** A glob ({@code *}, {@code ?}, {@code [abc]}, {@code {a,b}}) as a whole-string regular expression. */
    static Pattern glob(String glob) {
        StringBuilder re = new StringBuilder();
        boolean inGroup = false;
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            switch (c) {
                case '*' -> re.append(".*");
                case '?' -> re.append('.');
                case '[' -> {
                    int close = glob.indexOf(']', i + 1);
                    if (close < 0) {
                        re.append("\\[");
                    } else {
                        String cls = glob.substring(i + 1, close).replace("\\", "\\\\");
                        if (cls.startsWith("!")) {
                            cls = "^" + cls.substring(1);
                        }
                        re.append('[').append(cls).append(']');
                        i = close;
                    }
                }
                case '{' -> {
                    inGroup = true;
                    re.append("(?:");
                }
                case '}' -> {
                    if (inGroup) {
                        inGroup = false;
                        re.append(')');
                    } else {
                        re.append("\\}");
                    }
                }
                case ',' -> re.append(inGroup ? "|" : ",");
                case '\\' -> {
                    if (i + 1 < glob.length()) {
                        re.append(Pattern.quote(String.valueOf(glob.charAt(++i))));
                    }
                }
                default -> re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        if (inGroup) {
            re.append(')');
        }
        return Pattern.compile(re.toString(), Pattern.DOTALL);
    }
}
