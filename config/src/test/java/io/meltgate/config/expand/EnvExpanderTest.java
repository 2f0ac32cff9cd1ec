package io.meltgate.config.expand;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.meltgate.config.Problems;
import io.meltgate.config.bind.SettingsBinder;
import io.meltgate.config.yaml.MapNode;
import io.meltgate.config.yaml.YamlNode;
import io.meltgate.config.yaml.YamlReader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class EnvExpanderTest {

    private static final Map<String, String> ENV = Map.of(
            "HOST", "collector.example",
            "PORT", "4317",
            "ON", "false",
            "RATIO", "0.25",
            "EMPTY", "",
            "LIST", "[a, b]",
            "TEXT", "plain words",
            "DOLLAR", "a$b");

    private static List<String> warnings;
    private static Problems problems;

    private static Object expandValue(String yamlValue) throws Exception {
        warnings = new ArrayList<>();
        problems = new Problems();
        YamlNode root = YamlReader.read("t.yaml", "v: " + yamlValue);
        YamlNode out = new EnvExpander(ENV::get, problems, warnings).expand(root, "");
        return SettingsBinder.plain(((MapNode) out).get("v"));
    }

    static Stream<Arguments> table() {
        return Stream.of(
                Arguments.of("${env:HOST}", "collector.example"),
                Arguments.of("${HOST}", "collector.example"),
                Arguments.of("${env:PORT}", 4317L),
                Arguments.of("\"${env:PORT}\"", 4317L),
                Arguments.of("${env:ON}", false),
                Arguments.of("${env:RATIO}", 0.25),
                Arguments.of("${env:LIST}", List.of("a", "b")),
                Arguments.of("${env:TEXT}", "plain words"),
                Arguments.of("${env:HOST}:${env:PORT}", "collector.example:4317"),
                Arguments.of("http://${HOST}:4318/v1", "http://collector.example:4318/v1"),
                Arguments.of("${env:MISSING:-fallback}", "fallback"),
                Arguments.of("${MISSING:-9}", 9L),
                Arguments.of("${env:EMPTY:-used}", "used"),
                Arguments.of("${env:HOST:-unused}", "collector.example"),
                Arguments.of("${env:MISSING:-}", null),
                Arguments.of("${env:MISSING}", null),
                Arguments.of("x${env:MISSING}y", "xy"),
                Arguments.of("$$HOST", "$HOST"),
                Arguments.of("$${env:HOST}", "${env:HOST}"),
                Arguments.of("cost $5", "cost $5"),
                Arguments.of("$HOST", "$HOST"),
                Arguments.of("${env:DOLLAR}", "a$b"),
                Arguments.of("8080", 8080L),
                Arguments.of("no reference", "no reference"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void expandsAsTheCollectorDoes(String yamlValue, Object expected) throws Exception {
        assertEquals(expected, expandValue(yamlValue));
        assertTrue(problems.isEmpty(), () -> problems.errors().toString());
    }

    @Test
    void anUnsetVariableIsAWarningNamingPathAndLine() throws Exception {
        expandValue("${env:MISSING}");
        assertEquals(1, warnings.size());
        assertTrue(warnings.get(0).startsWith("v (line 1): environment variable MISSING is not set"), warnings.get(0));
    }

    @Test
    void keysAreNotExpanded() throws Exception {
        YamlNode root = YamlReader.read("t.yaml", "${env:HOST}: 1");
        MapNode out = (MapNode) new EnvExpander(ENV::get, new Problems(), new ArrayList<>()).expand(root, "");
        assertEquals(List.of("${env:HOST}"), List.copyOf(out.entries().keySet()));
    }

    @Test
    void expandsInsideListsAndNestedMappings() throws Exception {
        YamlNode root = YamlReader.read("t.yaml", "a:\n  b: [\"${env:PORT}\", x]\n");
        YamlNode out = new EnvExpander(ENV::get, new Problems(), new ArrayList<>()).expand(root, "");
        assertEquals(Map.of("a", Map.of("b", Arrays.asList(4317L, "x"))), SettingsBinder.plain(out));
    }

    static Stream<Arguments> errors() {
        return Stream.of(
                Arguments.of("${file:/etc/x}", "unsupported reference scheme 'file'"),
                Arguments.of("${env:1BAD}", "invalid environment variable name '1BAD'"),
                Arguments.of("${env:A-B}", "invalid environment variable name 'A-B'"),
                Arguments.of("pre ${env:HOST", "unterminated reference"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("errors")
    void badReferencesAreErrorsWithPathAndLine(String yamlValue, String message) throws Exception {
        warnings = new ArrayList<>();
        problems = new Problems();
        YamlNode root = YamlReader.read("t.yaml", "a:\n  v: " + yamlValue);
        new EnvExpander(ENV::get, problems, warnings).expand(root, "");
        assertEquals(1, problems.size());
        assertEquals("a::v", problems.errors().get(0).path());
        assertEquals(2, problems.errors().get(0).location().line());
        assertTrue(problems.errors().get(0).message().contains(message), problems.errors().get(0).message());
    }
}
