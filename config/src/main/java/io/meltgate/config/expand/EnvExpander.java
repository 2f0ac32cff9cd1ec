package io.meltgate.config.expand;

import io.meltgate.config.Problems;
import io.meltgate.config.yaml.ListNode;
import io.meltgate.config.yaml.Location;
import io.meltgate.config.yaml.MapNode;
import io.meltgate.config.yaml.ScalarNode;
import io.meltgate.config.yaml.YamlNode;
import io.meltgate.config.yaml.YamlReader;
import io.meltgate.config.yaml.YamlSyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Expands environment references in string values after parsing, as the Collector's confmap does:
 * {@code ${env:VAR}}, {@code ${VAR}} (the default scheme is {@code env}), {@code ${env:VAR:-default}} (the
 * default when VAR is unset or empty), and {@code $$} for a literal {@code $}. Keys are never expanded. A value
 * that is exactly one reference takes the variable's value read again as YAML, so {@code port: ${env:PORT}}
 * with {@code PORT=4317} is the integer 4317 and {@code enabled: ${env:ON}} with {@code ON=false} a boolean;
 * a reference inside a longer string is pasted in as text. An unset variable expands to the empty string
 * (and is reported as a warning), again as in the Collector.
 */
public final class EnvExpander {

    private static final Pattern NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

    private final Function<String, String> env;
    private final Problems problems;
    private final List<String> warnings;

    /**
     * @param env looks a variable up (null when unset): {@code System::getenv}, or a map in tests
     * @param warnings where unset variables are reported
     */
    public EnvExpander(Function<String, String> env, Problems problems, List<String> warnings) {
        this.env = env;
        this.problems = problems;
        this.warnings = warnings;
    }

    public YamlNode expand(YamlNode node, String path) {
        if (node instanceof MapNode m) {
            Map<String, MapNode.Entry> out = new LinkedHashMap<>();
            for (MapNode.Entry e : m.entries().values()) {
                out.put(e.key(), new MapNode.Entry(e.key(), e.keyLocation(), expand(e.value(), Problems.child(path, e.key()))));
            }
            return new MapNode(out, m.location());
        }
        if (node instanceof ListNode l) {
            List<YamlNode> out = new ArrayList<>();
            for (int i = 0; i < l.items().size(); i++) {
                out.add(expand(l.items().get(i), path + "[" + i + "]"));
            }
            return new ListNode(out, l.location());
        }
        ScalarNode s = (ScalarNode) node;
        if (s.kind() != ScalarNode.Kind.STRING || s.text().indexOf('$') < 0) {
            return s;
        }
        return expandScalar(s, path);
    }

    private YamlNode expandScalar(ScalarNode s, String path) {
        String text = s.text();
        if (text.startsWith("${") && text.indexOf('}') == text.length() - 1) {
            String value = resolve(text.substring(2, text.length() - 1), s, path);
            return value == null ? s : reread(value, s.location());
        }
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '$' && i + 1 < text.length() && text.charAt(i + 1) == '$') {
                out.append('$');
                i += 2;
            } else if (c == '$' && i + 1 < text.length() && text.charAt(i + 1) == '{') {
                int end = text.indexOf('}', i + 2);
                if (end < 0) {
                    problems.add(path, s, "unterminated reference '" + text.substring(i) + "': missing '}'");
                    return s;
                }
                String value = resolve(text.substring(i + 2, end), s, path);
                if (value == null) {
                    return s;
                }
                out.append(value);
                i = end + 1;
            } else {
                out.append(c);
                i++;
            }
        }
        return new ScalarNode(out.toString(), ScalarNode.Kind.STRING, s.location());
    }

    /** The text a reference's body ({@code env:VAR:-default}) stands for; null after reporting an error. */
    private String resolve(String body, ScalarNode at, String path) {
        String uri = body;
        int colon = body.indexOf(':');
        if (colon > 0 && !body.startsWith(":-", colon)) {
            String scheme = body.substring(0, colon);
            if (!scheme.equals("env")) {
                problems.add(path, at, "unsupported reference scheme '" + scheme + "' in '${" + body
                        + "}': meltgate expands only ${env:VAR}, ${VAR} and ${env:VAR:-default}");
                return null;
            }
            uri = body.substring(colon + 1);
        }
        String name = uri;
        String fallback = null;
        int dash = uri.indexOf(":-");
        if (dash >= 0) {
            name = uri.substring(0, dash);
            fallback = uri.substring(dash + 2);
        }
        if (!NAME.matcher(name).matches()) {
            problems.add(path, at, "invalid environment variable name '" + name + "' in '${" + body
                    + "}': it must match [a-zA-Z_][a-zA-Z0-9_]*");
            return null;
        }
        String value = env.apply(name);
        if (value == null || value.isEmpty()) {
            if (fallback != null) {
                return fallback;
            }
            if (value == null) {
                warnings.add(path + " (line " + at.location().line() + "): environment variable " + name
                        + " is not set; using an empty value");
            }
            return "";
        }
        return value;
    }

    /** A whole-value reference's text read again as YAML, so numbers, booleans, lists and maps keep their type. */
    private static YamlNode reread(String value, Location at) {
        if (value.isEmpty()) {
            return ScalarNode.nullAt(at);
        }
        try {
            return relocate(YamlReader.read(at.source(), value), at);
        } catch (YamlSyntaxException e) {
            return new ScalarNode(value, ScalarNode.Kind.STRING, at);
        }
    }

    /** Errors inside an expanded value are reported at the line of the reference. */
    private static YamlNode relocate(YamlNode node, Location at) {
        if (node instanceof MapNode m) {
            Map<String, MapNode.Entry> out = new LinkedHashMap<>();
            m.entries().values().forEach(e -> out.put(e.key(), new MapNode.Entry(e.key(), at, relocate(e.value(), at))));
            return new MapNode(out, at);
        }
        if (node instanceof ListNode l) {
            return new ListNode(l.items().stream().map(n -> relocate(n, at)).toList(), at);
        }
        ScalarNode s = (ScalarNode) node;
        return new ScalarNode(s.text(), s.kind(), at);
    }
}
