package io.meltgate.exporter.fluentforward;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Chooses the order in which a send tries the servers, the way Fluentd's {@code out_forward} does: the active
 * servers that are up share the sends by weighted round robin; standby servers come next (used only when no
 * active one is up); servers believed down come last, so that a send still tries them when nothing else is
 * left rather than failing without a try.
 */
final class EndpointBalancer {

    private final List<ForwardEndpoint> endpoints;
    private final AtomicLong turn = new AtomicLong();

    EndpointBalancer(List<ForwardEndpoint> endpoints) {
        if (endpoints.isEmpty()) {
            throw new IllegalArgumentException("at least one endpoint");
        }
        this.endpoints = List.copyOf(endpoints);
    }

    List<ForwardEndpoint> endpoints() {
        return endpoints;
    }

    /** Every endpoint, in the order this send should try them. */
    List<ForwardEndpoint> order() {
        long now = System.nanoTime();
        List<ForwardEndpoint> active = new ArrayList<>(endpoints.size());
        List<ForwardEndpoint> standby = new ArrayList<>(2);
        List<ForwardEndpoint> down = new ArrayList<>(2);
        int totalWeight = 0;
        int gcd = 0;
        for (ForwardEndpoint e : endpoints) {
            if (!e.isUp(now)) {
                down.add(e);
            } else if (e.standby()) {
                standby.add(e);
            } else {
                active.add(e);
                totalWeight += e.weight();
                gcd = gcd(gcd, e.weight());
            }
        }
        List<ForwardEndpoint> order = new ArrayList<>(endpoints.size());
        if (!active.isEmpty()) {
            // Weighted round robin: the turn picks a point on the cumulative weights (reduced by their greatest
            // common divisor, so equal weights alternate send by send); the rest follow in order.
            long point = Math.floorMod(turn.getAndIncrement(), (long) (totalWeight / gcd));
            int first = 0;
            long acc = 0;
            for (int i = 0; i < active.size(); i++) {
                acc += active.get(i).weight() / gcd;
                if (point < acc) {
                    first = i;
                    break;
                }
            }
            for (int i = 0; i < active.size(); i++) {
                order.add(active.get((first + i) % active.size()));
            }
        }
        order.addAll(standby);
        order.addAll(down);
        return order;
    }

    private static int gcd(int a, int b) {
        return b == 0 ? a : gcd(b, a % b);
    }

    void closeAll() {
        for (ForwardEndpoint e : endpoints) {
            e.closeAll();
        }
    }
}
