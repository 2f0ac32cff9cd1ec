package io.meltgate.processor.tailsampling.policy;

import static io.meltgate.processor.tailsampling.policy.Decision.DROPPED;
import static io.meltgate.processor.tailsampling.policy.Decision.INVERT_NOT_SAMPLED;
import static io.meltgate.processor.tailsampling.policy.Decision.INVERT_SAMPLED;
import static io.meltgate.processor.tailsampling.policy.Decision.NOT_SAMPLED;
import static io.meltgate.processor.tailsampling.policy.Decision.SAMPLED;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The Collector's rules for combining the top-level decisions, row by row. */
class DecisionCombinerTest {

    static Stream<Arguments> rules() {
        return Stream.of(
                Arguments.of(List.of(), NOT_SAMPLED),
                Arguments.of(List.of(NOT_SAMPLED), NOT_SAMPLED),
                Arguments.of(List.of(SAMPLED), SAMPLED),
                Arguments.of(List.of(NOT_SAMPLED, SAMPLED), SAMPLED),
                Arguments.of(List.of(SAMPLED, DROPPED), DROPPED),
                Arguments.of(List.of(DROPPED, INVERT_SAMPLED), DROPPED),
                Arguments.of(List.of(SAMPLED, INVERT_NOT_SAMPLED), NOT_SAMPLED),
                Arguments.of(List.of(INVERT_SAMPLED), SAMPLED),
                Arguments.of(List.of(INVERT_SAMPLED, NOT_SAMPLED), NOT_SAMPLED),
                Arguments.of(List.of(INVERT_SAMPLED, SAMPLED, NOT_SAMPLED), SAMPLED),
                Arguments.of(List.of(INVERT_NOT_SAMPLED, INVERT_SAMPLED), NOT_SAMPLED));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("rules")
    void combines(List<Decision> decisions, Decision expected) {
        DecisionCombiner c = new DecisionCombiner();
        decisions.forEach(c::add);
        assertEquals(expected, c.result());
        c.reset();
        assertEquals(NOT_SAMPLED, c.result(), "reset forgets");
    }
}
