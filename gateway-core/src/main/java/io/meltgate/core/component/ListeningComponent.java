package io.meltgate.core.component;

import java.net.InetSocketAddress;
import java.util.List;

/** A component that listens on the network and can say where, after it started (real ports for port 0). */
public interface ListeningComponent {

    /** One address a component listens on, with what it speaks there ({@code grpc}, {@code http}, ...). */
    record Endpoint(String transport, InetSocketAddress address) {
        @Override
        public String toString() {
            return transport + "://" + address.getHostString() + ":" + address.getPort();
        }
    }

    List<Endpoint> endpoints();
}
