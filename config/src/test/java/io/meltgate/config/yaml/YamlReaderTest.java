package io.meltgate.config.yaml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.meltgate.config.bind.SettingsBinder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class YamlReaderTest {

    private static Object plain(String yaml) throws YamlSyntaxException {
        return SettingsBinder.plain(YamlReader.read("t.yaml", yaml));
    }

    @Test
    void everyNodeKnowsItsLine() throws Exception {
        MapNode root = (MapNode) YamlReader.read("t.yaml", "a:\n  b: 1\n  c: [x, y]\nd:\n");
        MapNode a = (MapNode) root.get("a");
        assertEquals(1, a.location().line(), "a block mapping is located at its key");
        assertEquals(1, root.entries().get("a").keyLocation().line());
        assertEquals(2, a.get("b").location().line());
        assertEquals(3, a.get("c").location().line());
        assertEquals(4, root.get("d").location().line(), "an empty value is located at its key");
        assertEquals("t.yaml", a.get("b").location().source());
        assertEquals(ScalarNode.Kind.INT, ((ScalarNode) a.get("b")).kind());
    }

    @Test
    void scalarsKeepTheirYamlType() throws Exception {
        assertEquals(Map.of("s", "8080", "i", 8080L, "f", 1.5, "b", true, "h", 31L, "y", "yes"),
                plain("s: \"8080\"\ni: 8080\nf: 1.5\nb: true\nh: 0x1F\ny: yes\n"));
    }

    @Test
    void anEmptyDocumentIsAnEmptyMapping() throws Exception {
        assertEquals(Map.of(), plain(""));
        assertEquals(Map.of(), plain("# only a comment\n"));
    }

    @Test
    void anchorsAliasesAndMergeKeys() throws Exception {
        String yaml = """
                defaults: &defaults
                  timeout: 5s
                  retry: true
                exporters:
                  a: *defaults
                  b:
                    <<: *defaults
                    timeout: 1s
                  c:
                    <<: [*defaults, {extra: 1}]
                """;
        @SuppressWarnings("unchecked")
        Map<String, Object> exporters = (Map<String, Object>) ((Map<String, Object>) plain(yaml)).get("exporters");
        assertEquals(Map.of("timeout", "5s", "retry", true), exporters.get("a"));
        assertEquals(Map.of("timeout", "1s", "retry", true), exporters.get("b"), "explicit keys win over merged ones");
        assertEquals(Map.of("timeout", "5s", "retry", true, "extra", 1L), exporters.get("c"));
    }

    @Test
    void anUnknownAliasIsASyntaxError() {
        YamlSyntaxException e = assertThrows(YamlSyntaxException.class, () -> YamlReader.read("t.yaml", "a: 1\nb: *nope\n"));
        assertEquals(2, e.location().line());
        assertTrue(e.getMessage().contains("alias *nope refers to no anchor"), e.getMessage());
    }

    @Test
    void duplicateKeysAreErrors() {
        YamlSyntaxException e = assertThrows(YamlSyntaxException.class, () -> YamlReader.read("t.yaml", "a: 1\nb: 2\na: 3\n"));
        assertEquals(3, e.location().line());
        assertEquals("key 'a' is already defined at line 1 of this mapping", e.getMessage());
    }

    @Test
    void syntaxErrorsAreOneLineWithTheirPosition() {
        YamlSyntaxException e = assertThrows(YamlSyntaxException.class, () -> YamlReader.read("t.yaml", "a:\n  - x\n  y: 1\n"));
        assertTrue(e.location().line() >= 2, () -> "line " + e.location().line());
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
    }

    @Test
    void mergingDocumentsIsDeepAndLaterWins() throws Exception {
        YamlNode a = YamlReader.read("a.yaml", "x:\n  keep: 1\n  over: 1\n  list: [1, 2]\ny: a\n");
        YamlNode b = YamlReader.read("b.yaml", "x:\n  over: 2\n  list: [3]\nz: b\nx2:\n");
        YamlNode merged = YamlMerger.merge(a, b);
        assertEquals(Map.of("x", Map.of("keep", 1L, "over", 2L, "list", List.of(3L)), "y", "a", "z", "b", "x2", nullSafe()),
                withoutNulls(SettingsBinder.plain(merged)));
        assertEquals("b.yaml", ((MapNode) ((MapNode) merged).get("x")).get("over").location().source());
        assertEquals("a.yaml", ((MapNode) ((MapNode) merged).get("x")).get("keep").location().source());
        // An empty value in a later file adds nothing to an earlier mapping.
        YamlNode kept = YamlMerger.merge(YamlReader.read("a", "otlp:\n  p: 1\n"), YamlReader.read("b", "otlp:\n"));
        assertEquals(Map.of("otlp", Map.of("p", 1L)), SettingsBinder.plain(kept));
    }

    private static String nullSafe() {
        return "<null>";
    }

    @SuppressWarnings("unchecked")
    private static Object withoutNulls(Object o) {
        if (o instanceof Map<?, ?> m) {
            Map<String, Object> out = new java.util.LinkedHashMap<>();
            m.forEach((k, v) -> out.put((String) k, v == null ? "<null>" : withoutNulls(v)));
            return out;
        }
        return o;
    }
}
