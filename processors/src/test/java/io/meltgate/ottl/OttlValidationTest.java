package io.meltgate.ottl;

import static io.meltgate.ottl.OttlContextKind.LOG;
import static io.meltgate.ottl.OttlContextKind.RESOURCE;
import static io.meltgate.ottl.OttlContextKind.SPAN;
import static io.meltgate.ottl.OttlContextKind.SPANEVENT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Each kind of validation error, with the column it must name. */
class OttlValidationTest {

    private record Bad(boolean statement, OttlContextKind kind, String expression, int column, String says) {
    }

    private static Bad cond(String e, int column, String says) {
        return new Bad(false, SPAN, e, column, says);
    }

    private static Bad stmt(String e, int column, String says) {
        return new Bad(true, SPAN, e, column, says);
    }

    private static final List<Bad> CASES = List.of(
            cond("nmae == \"x\"", 1, "unknown path \"nmae\""),
            cond("name == \"x\" and attributes[\"a\"] == 1 or span.stauts.code == 1", 41, "unknown path \"span.stauts.code\""),
            cond("resource.attrs[\"k\"] == 1", 1, "unknown path"),
            cond("spanevent.name == \"x\"", 1, "not available in the span context"),
            cond("metric.name == \"x\"", 1, "not available"),
            cond("name[\"k\"] == \"x\"", 1, "cannot be indexed"),
            cond("attributes[0] == 1", 1, "map key must be a string"),
            cond("kind == SPAN_KIND_SERVR", 9, "unknown enum \"SPAN_KIND_SERVR\""),
            cond("IsMatc(name, \"x\")", 1, "unknown function \"IsMatc\""),
            cond("IsMatch(name, \"(unclosed\")", 15, "not a valid regular expression"),
            cond("IsMatch(name, attributes[\"p\"])", 15, "must be a string literal"),
            cond("IsMatch(name)", 1, "needs its \"pattern\" argument"),
            cond("IsMatch(name, \"a\", \"b\")", 20, "too many arguments"),
            cond("ToLowerCase(kind) == \"x\"", 13, "must be string, not int"),
            cond("HasAttrOnDatapoint(\"a\", \"b\")", 1, "not available in the span context"),
            cond("name", 1, "expected a condition"),
            cond("name == \"x\" and kind", 17, "expected a condition"),
            cond("not name", 5, "expected a condition"),
            cond("name == \"unterminated", 9, "unterminated string"),
            cond("name == \"x\" )", 13, "expected end of condition"),
            cond("name == ", 9, "expected a value"),
            cond("(name == \"x\"", 13, "expected \")\""),
            cond("name # 1", 6, "unexpected character '#'"),
            cond("name + 1 == 2", 6, "needs numbers, not string"),
            cond("trace_id == 0x123", 13, "even number of hex digits"),
            cond("set(name, \"x\")", 1, "cannot be used as a value"),
            stmt("name == \"x\"", 1, "starts with an editor call"),
            stmt("sett(name, \"x\")", 1, "unknown function \"sett\""),
            stmt("IsMatch(name, \"x\")", 1, "is a converter"),
            stmt("set(\"literal\", name)", 5, "must be a path that can be set"),
            stmt("set(name, \"x\") where nmae == \"y\"", 22, "unknown path \"nmae\""),
            stmt("set(name, \"x\") wher name == \"y\"", 16, "expected end of statement"),
            stmt("delete_key(name, \"x\")", 12, "must be a map path"),
            stmt("keep_keys(attributes, \"a\")", 23, "must be a list of strings"),
            stmt("keep_keys(attributes, [\"a\", name])", 23, "only string literals"),
            stmt("limit(attributes, \"10\")", 19, "must be an int literal"),
            stmt("limit(attributes, 1, [\"a\", \"b\"])", 22, "more priority_keys"),
            stmt("truncate_all(attributes, -1)", 26, "must not be negative"),
            stmt("replace_pattern(name, \"a\", \"b\", MD5)", 33, "must name a converter"),
            stmt("replace_pattern(name, \"a\", \"b\", IsString)", 33, "cannot be IsString"),
            stmt("replace_pattern(name, \"a\", \"b\", SHA256, \"no placeholder\")", 41, "must contain %s"),
            stmt("replace_all_patterns(attributes, \"keys\", \"a\", \"b\")", 34, "mode must be \"key\" or \"value\""),
            stmt("merge_maps(attributes, attributes, \"overwrite\")", 36, "strategy must be"),
            stmt("merge_maps(attributes, name, \"upsert\")", 24, "must be map, not string"),
            stmt("set(name, \"x\", nope = 1)", 16, "has no parameter \"nope\""),
            stmt("limit(attributes, limit = 3, 4)", 30, "positional argument cannot follow"),
            new Bad(true, LOG, "set(name, \"x\")", 5, "unknown path \"name\" in the log context"),
            new Bad(false, RESOURCE, "instrumentation_scope.name == \"x\"", 1, "not available in the resource context"),
            new Bad(false, SPANEVENT, "spanevent == 1", 1, "names a context"));

    @TestFactory
    Stream<DynamicTest> eachErrorNamesItsColumn() {
        return CASES.stream().map(b -> DynamicTest.dynamicTest(b.expression, () -> {
            ParseError e = assertThrows(ParseError.class, () -> {
                if (b.statement) {
                    OttlParser.parseStatement(b.expression, b.kind);
                } else {
                    OttlParser.parseCondition(b.expression, b.kind);
                }
            });
            assertTrue(e.reason().contains(b.says), "reason was: " + e.reason());
            assertEquals(b.column, e.column(), e.getMessage());
            assertEquals(b.expression, e.expression());
        }));
    }
}
