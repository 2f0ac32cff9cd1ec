package io.meltgate.config.bind;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class GoDurationTest {

    @ParameterizedTest(name = "{0} = {1} ns")
    @CsvSource({
        "0, 0",
        "1ns, 1",
        "1us, 1000",
        "1µs, 1000",
        "200ms, 200000000",
        "5s, 5000000000",
        "1.5s, 1500000000",
        "1m30s, 90000000000",
        "2h45m, 9900000000000",
        "-3s, -3000000000",
        "+3s, 3000000000",
        ".5s, 500000000",
        "1000, 1000",
    })
    void parsesGoSyntax(String text, long nanos) {
        assertEquals(Duration.ofNanos(nanos), GoDuration.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "s", "5 s", "5x", "1.2.3s", "5sec", "ms5"})
    void rejectsWhatGoRejects(String text) {
        assertThrows(IllegalArgumentException.class, () -> GoDuration.parse(text));
    }
}
