package io.meltgate.processor.attributes;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Go regular expression with named groups ({@code (?P<http_protocol>...)}) turned into a Java one: Java group
 * names allow no underscore, so groups are renamed {@code g0, g1, ...} and the original names kept in order.
 */
final class ExtractRule {

    private static final Pattern NAMED_GROUP = Pattern.compile("\\(\\?P?<([A-Za-z_][A-Za-z0-9_]*)>");

    final Pattern pattern;
    final List<String> names;

    ExtractRule(String goPattern) {
        List<String> n = new ArrayList<>();
        this.pattern = Pattern.compile(toJava(goPattern, n));
        this.names = List.copyOf(n);
    }

    static String toJava(String goPattern, List<String> namesOut) {
        Matcher m = NAMED_GROUP.matcher(goPattern);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(sb, "(?<g" + namesOut.size() + ">");
            namesOut.add(m.group(1));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    static List<String> groupNames(String goPattern) {
        List<String> n = new ArrayList<>();
        toJava(goPattern, n);
        return n;
    }
}
