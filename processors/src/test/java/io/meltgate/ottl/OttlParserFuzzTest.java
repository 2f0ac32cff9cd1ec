package io.meltgate.ottl;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Random and mutated expressions: compiling one either gives a program or a {@link ParseError} with a column
 * inside the expression (or just past its end), never any other exception. A compiled program, run on a real
 * item, either works or fails with {@link OttlEvalException}.
 */
class OttlParserFuzzTest {

    private static final List<String> SEEDS = List.of(
            "attributes[\"http.route\"] == \"/health\" and kind == SPAN_KIND_SERVER",
            "end_time_unix_nano - start_time_unix_nano > 1000000000 or status.code == STATUS_CODE_ERROR",
            "IsMatch(resource.attributes[\"host.name\"], \"pod-.*\") and not (name != \"x\")",
            "set(attributes[\"a\"][\"b\"], Concat([name, \"x\", 1.5, nil, true], \"-\")) where Len(name) > 3",
            "replace_pattern(attributes[\"p\"], \"(\\\\w+)=(\\\\w+)\", \"$1=***\", SHA256, \"h:%s\")",
            "limit(attributes, 10, [\"k\"])", "merge_maps(attributes, {\"a\": [1, 2], \"b\": 0x0a0b}, \"upsert\")",
            "keep_keys(resource.attributes, [\"service.name\"]) where instrumentation_scope.name == \"io\"",
            "Int(attributes[\"x\"]) * -2 / 3 + 4 >= Double(\"1e3\")", "trace_id.string == span_id.string");

    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_0123456789"
            + "\"\\[](){}.,:=!<>+-*/ #$%\t\n";
    private static final List<String> WORDS = List.of("and", "or", "not", "where", "nil", "true", "false", "name",
            "attributes", "resource", "span", "IsMatch(", "set(", "Len(", "SPAN_KIND_SERVER", "[", "]", "(", ")",
            "\"", ",", "==", "-", "0x", "1.", "e9", "[\"k\"]", ".", "\\");

    @Test
    void randomAndMutatedExpressionsNeverThrowAnythingButParseError() {
        SplittableRandom random = new SplittableRandom(20261129);
        int programs = 0;
        for (int i = 0; i < 20_000; i++) {
            String expr = random.nextInt(4) == 0 ? randomText(random) : mutate(SEEDS.get(random.nextInt(SEEDS.size())), random);
            if (tryCompile(expr, random)) {
                programs++;
            }
        }
        assertTrue(programs > 100, "some mutations must stay valid programs, got " + programs);
    }

    private static boolean tryCompile(String expr, SplittableRandom random) {
        OttlContextKind kind = OttlContextKind.values()[random.nextInt(OttlContextKind.values().length)];
        try {
            if (random.nextBoolean()) {
                Condition c = OttlParser.parseCondition(expr, kind);
                run(() -> c.eval(Data.context(kind)));
            } else {
                Statement s = OttlParser.parseStatement(expr, kind);
                run(() -> s.execute(Data.context(kind)));
            }
            return true;
        } catch (ParseError e) {
            if (e.column() < 1 || e.column() > expr.length() + 1) {
                fail("column " + e.column() + " outside `" + expr + "`");
            }
            return false;
        } catch (RuntimeException | StackOverflowError e) {
            throw new AssertionError("compiling `" + expr + "` threw " + e, e);
        }
    }

    private static void run(Runnable r) {
        try {
            r.run();
        } catch (OttlEvalException e) {
            // a run-time failure is allowed; the component's error_mode handles it
        }
    }

    private static String randomText(SplittableRandom random) {
        StringBuilder sb = new StringBuilder();
        int n = random.nextInt(40);
        for (int i = 0; i < n; i++) {
            if (random.nextInt(3) == 0) {
                sb.append(WORDS.get(random.nextInt(WORDS.size()))).append(' ');
            } else {
                sb.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            }
        }
        return sb.toString();
    }

    private static String mutate(String seed, SplittableRandom random) {
        StringBuilder sb = new StringBuilder(seed);
        int edits = 1 + random.nextInt(3);
        for (int i = 0; i < edits && sb.length() > 0; i++) {
            int at = random.nextInt(sb.length());
            switch (random.nextInt(4)) {
                case 0 -> sb.deleteCharAt(at);
                case 1 -> sb.insert(at, ALPHABET.charAt(random.nextInt(ALPHABET.length())));
                case 2 -> sb.insert(at, WORDS.get(random.nextInt(WORDS.size())));
                default -> sb.setLength(at);
            }
        }
        return random.nextInt(10) == 0 ? seed : sb.toString();
    }
}
