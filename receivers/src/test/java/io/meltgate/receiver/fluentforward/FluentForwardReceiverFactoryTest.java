package io.meltgate.receiver.fluentforward;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.meltgate.core.component.ComponentCatalog;
import io.meltgate.core.component.ComponentKind;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class FluentForwardReceiverFactoryTest {

    @Test
    void isFoundByItsTypeWithValidDefaults() {
        assertTrue(ComponentCatalog.load().find(ComponentKind.RECEIVER, "fluentforward").isPresent());
        assertTrue(ComponentCatalog.load().find(ComponentKind.RECEIVER, "fluent_forward").isPresent(),
                "the Collector's current name");
        FluentForwardReceiverSettings d = new FluentForwardReceiverFactory().defaultSettings();
        assertEquals(List.of(), d.validate());
        assertEquals("localhost:24224", d.endpoint());
    }

    @Test
    void validationNamesEveryProblem() {
        record Case(String endpoint, String sharedKey, List<FluentForwardReceiverSettings.User> users, String problem) {
        }
        List<Case> cases = List.of(
                new Case("", "", List.of(), "endpoint is required"),
                new Case("localhost", "", List.of(), "must be host:port or unix:///path"),
                new Case("localhost:http", "", List.of(), "no numeric port"),
                new Case("localhost:70000", "", List.of(), "out of range"),
                new Case("localhost:1", "", List.of(new FluentForwardReceiverSettings.User("u", "p")), "users need shared_key"));
        for (Case c : cases) {
            List<String> problems = new FluentForwardReceiverSettings(c.endpoint(), Duration.ZERO, c.sharedKey(), "",
                    c.users(), null).validate();
            assertTrue(problems.stream().anyMatch(p -> p.contains(c.problem())), c + ": " + problems);
        }
        assertEquals("/tmp/x.sock", new FluentForwardReceiverSettings("unix:///tmp/x.sock", Duration.ZERO, "", "",
                List.of(), null).unixSocketPath());
        assertEquals("/tmp/y.sock", new FluentForwardReceiverSettings("/tmp/y.sock", Duration.ZERO, "", "",
                List.of(), null).unixSocketPath());
    }
}
