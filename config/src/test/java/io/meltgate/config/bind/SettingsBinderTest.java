package io.meltgate.config.bind;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.meltgate.config.ConfigError;
import io.meltgate.config.Problems;
import io.meltgate.config.yaml.YamlNode;
import io.meltgate.config.yaml.YamlReader;
import io.meltgate.core.component.ComponentSettings;
import io.meltgate.core.component.YamlKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SettingsBinderTest {

    enum Mode { FAST, SLOW_START }

    record Inner(int port, String host) {
        public static Inner defaults() {
            return new Inner(4317, "localhost");
        }
    }

    /** A nested type without defaults(): binds over all-zero fields. */
    record Bare(int count, String name) {
    }

    record Checked(int size) implements ComponentSettings {
        @Override
        public List<String> validate() {
            return size > 100 ? List.of("size must be at most 100, got " + size) : List.of();
        }
    }

    record All(String text, boolean flag, int small, long big, double ratio, Integer boxed, Boolean boxedFlag,
               Duration delay, Mode mode, List<String> names, Set<String> tags, Map<String, Integer> limits,
               Inner inner, Inner nullInner, Bare bare, List<Inner> inners, Map<String, Inner> byName, Object free,
               @YamlKey("traces.span") String span, @YamlKey("default") String javaKeyword, Checked checked)
            implements ComponentSettings {

        static All defaults() {
            return new All("t", false, 1, 2L, 0.5, null, null, Duration.ofSeconds(5), Mode.FAST, List.of("a"), Set.of(),
                    Map.of(), new Inner(1, "h"), null, null, List.of(), Map.of(), null, null, null, null);
        }

        @Override
        public List<String> validate() {
            return small < 0 ? List.of("small must not be negative") : List.of();
        }
    }

    private record Bound(All value, List<ConfigError> errors) {
    }

    private static Bound bind(String yaml) throws Exception {
        YamlNode node = YamlReader.read("test.yaml", yaml);
        Problems problems = new Problems();
        All value = new SettingsBinder(problems).bindSettings(All.class, node, All.defaults(), "exporters::x");
        return new Bound(value, problems.errors());
    }

    static Stream<Arguments> values() {
        return Stream.of(
                Arguments.of("text: hello", (Function<All, Object>) All::text, "hello"),
                Arguments.of("text: 8080", (Function<All, Object>) All::text, "8080"),
                Arguments.of("text: \"quoted\"", (Function<All, Object>) All::text, "quoted"),
                Arguments.of("flag: true", (Function<All, Object>) All::flag, true),
                Arguments.of("flag: FALSE", (Function<All, Object>) All::flag, false),
                Arguments.of("flag: yes", (Function<All, Object>) All::flag, true),
                Arguments.of("flag: off", (Function<All, Object>) All::flag, false),
                Arguments.of("small: 42", (Function<All, Object>) All::small, 42),
                Arguments.of("small: 0x10", (Function<All, Object>) All::small, 16),
                Arguments.of("small: 0o17", (Function<All, Object>) All::small, 15),
                Arguments.of("big: -3", (Function<All, Object>) All::big, -3L),
                Arguments.of("small: \"42\"", (Function<All, Object>) All::small, 42),
                Arguments.of("big: 10000000000", (Function<All, Object>) All::big, 10_000_000_000L),
                Arguments.of("ratio: 1.5", (Function<All, Object>) All::ratio, 1.5),
                Arguments.of("ratio: 3", (Function<All, Object>) All::ratio, 3.0),
                Arguments.of("boxed: 7", (Function<All, Object>) All::boxed, 7),
                Arguments.of("boxed_flag: true", (Function<All, Object>) All::boxedFlag, true),
                Arguments.of("delay: 200ms", (Function<All, Object>) All::delay, Duration.ofMillis(200)),
                Arguments.of("delay: 1m30s", (Function<All, Object>) All::delay, Duration.ofSeconds(90)),
                Arguments.of("delay: 1h", (Function<All, Object>) All::delay, Duration.ofHours(1)),
                Arguments.of("delay: 5000", (Function<All, Object>) All::delay, Duration.ofNanos(5000)),
                Arguments.of("mode: slow_start", (Function<All, Object>) All::mode, Mode.SLOW_START),
                Arguments.of("mode: Slow-Start", (Function<All, Object>) All::mode, Mode.SLOW_START),
                Arguments.of("names: [x, y]", (Function<All, Object>) All::names, List.of("x", "y")),
                Arguments.of("names: []", (Function<All, Object>) All::names, List.of()),
                Arguments.of("tags: [b, a, b]", (Function<All, Object>) All::tags, Set.of("a", "b")),
                Arguments.of("limits: {a: 1, b: 2}", (Function<All, Object>) All::limits, Map.of("a", 1, "b", 2)),
                Arguments.of("inner: {port: 9}", (Function<All, Object>) All::inner, new Inner(9, "h")),
                Arguments.of("null_inner: {port: 9}", (Function<All, Object>) All::nullInner, new Inner(9, "localhost")),
                Arguments.of("bare: {name: n}", (Function<All, Object>) All::bare, new Bare(0, "n")),
                Arguments.of("inners: [{host: a}, {port: 1}]", (Function<All, Object>) All::inners,
                        List.of(new Inner(4317, "a"), new Inner(1, "localhost"))),
                Arguments.of("by_name: {one: {port: 2}}", (Function<All, Object>) All::byName, Map.of("one", new Inner(2, "localhost"))),
                Arguments.of("free: {a: [1, 2.5, true, x, null]}", (Function<All, Object>) All::free,
                        Map.of("a", java.util.Arrays.asList(1L, 2.5, true, "x", null))),
                Arguments.of("free: 12", (Function<All, Object>) All::free, 12L),
                Arguments.of("traces.span: s", (Function<All, Object>) All::span, "s"),
                Arguments.of("default: d", (Function<All, Object>) All::javaKeyword, "d"),
                Arguments.of("checked: {size: 3}", (Function<All, Object>) All::checked, new Checked(3)),
                Arguments.of("text:", (Function<All, Object>) All::text, "t"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("values")
    void bindsEveryType(String yaml, Function<All, Object> accessor, Object expected) throws Exception {
        Bound b = bind(yaml);
        assertEquals(List.of(), b.errors());
        assertEquals(expected, accessor.apply(b.value()));
    }

    @Test
    void absentKeysKeepTheDefaults() throws Exception {
        Bound b = bind("small: 3");
        All d = All.defaults();
        assertEquals(3, b.value().small());
        assertEquals(d.text(), b.value().text());
        assertEquals(d.delay(), b.value().delay());
        assertEquals(d.inner(), b.value().inner());
        assertEquals(d.names(), b.value().names());
        assertNull(b.value().nullInner());
    }

    @Test
    void anEmptySectionIsTheDefaultsThemselves() throws Exception {
        YamlNode node = ((io.meltgate.config.yaml.MapNode) YamlReader.read("t", "x:")).get("x");
        Problems problems = new Problems();
        All defaults = All.defaults();
        assertSame(defaults, new SettingsBinder(problems).bindSettings(All.class, node, defaults, "x"));
        assertTrue(problems.isEmpty());
    }

    static Stream<Arguments> errors() {
        return Stream.of(
                Arguments.of("unknwn: 1", "exporters::x::unknwn", 1, "unknown option 'unknwn'; valid options here: text, flag, small"),
                Arguments.of("\n\nsmall: abc", "exporters::x::small", 3, "expected an integer, got a string 'abc'"),
                Arguments.of("small: 1.5", "exporters::x::small", 1, "expected an integer, got a number '1.5'"),
                Arguments.of("small: 99999999999", "exporters::x::small", 1, "out of range"),
                Arguments.of("flag: yes please", "exporters::x::flag", 1, "expected a boolean"),
                Arguments.of("ratio: high", "exporters::x::ratio", 1, "expected a number"),
                Arguments.of("delay: 5 minutes", "exporters::x::delay", 1, "unknown unit"),
                Arguments.of("delay: 1.5", "exporters::x::delay", 1, "expected a duration"),
                Arguments.of("mode: turbo", "exporters::x::mode", 1, "invalid value 'turbo'; expected one of: fast, slow-start"),
                Arguments.of("names: abc", "exporters::x::names", 1, "expected a list, got a string 'abc'"),
                Arguments.of("names: [[a]]", "exporters::x::names[0]", 1, "expected a string, got a list"),
                Arguments.of("limits: [1]", "exporters::x::limits", 1, "expected a mapping, got a list"),
                Arguments.of("limits: {a: x}", "exporters::x::limits::a", 1, "expected an integer"),
                Arguments.of("inner: 5", "exporters::x::inner", 1, "expected a mapping of options, got an integer '5'"),
                Arguments.of("inner:\n  prt: 1", "exporters::x::inner::prt", 2, "unknown option 'prt'; valid options here: port, host"),
                Arguments.of("inners:\n  - port: x", "exporters::x::inners[0]::port", 2, "expected an integer"),
                Arguments.of("text: {a: 1}", "exporters::x::text", 1, "expected a string, got a mapping"),
                Arguments.of("small: -1", "exporters::x::small", 1, "small must not be negative"),
                Arguments.of("flag: \"yes\"", "exporters::x::flag", 1, "expected a boolean (true or false), got a string 'yes'"),
                Arguments.of("checked:\n  size: 101", "exporters::x::checked::size", 2, "size must be at most 100, got 101"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("errors")
    void reportsPathLineAndReason(String yaml, String path, int line, String message) throws Exception {
        Bound b = bind(yaml);
        assertEquals(1, b.errors().size(), () -> "errors: " + b.errors());
        ConfigError e = b.errors().get(0);
        assertEquals(path, e.path());
        assertEquals(line, e.location().line());
        assertTrue(e.message().contains(message), () -> "message was: " + e.message());
        assertTrue(e.toString().startsWith(path + " (line " + line + "): "), e::toString);
    }

    @Test
    void reportsEveryErrorAtOnce() throws Exception {
        Bound b = bind("small: x\nflag: 3\nnope: 1\ninner: {port: y}\n");
        List<String> paths = new ArrayList<>();
        b.errors().forEach(e -> paths.add(e.path()));
        assertEquals(List.of("exporters::x::small", "exporters::x::flag", "exporters::x::nope", "exporters::x::inner::port"), paths);
    }

    @Test
    void snakeCaseOfRecordComponentNames() {
        assertEquals("send_batch_size", SettingsBinder.snakeCase("sendBatchSize"));
        assertEquals("timeout", SettingsBinder.snakeCase("timeout"));
        assertEquals("max_recv_msg_size_mib", SettingsBinder.snakeCase("maxRecvMsgSizeMib"));
    }
}
