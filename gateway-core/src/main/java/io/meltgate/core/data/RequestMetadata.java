package io.meltgate.core.data;

import java.util.List;
import java.util.Map;

/**
 * What a receiver knew about the request a batch came in: the client's address and, when the receiver's
 * {@code include_metadata} is on, its headers or gRPC metadata (keys lower-case). Immutable.
 */
public record RequestMetadata(String clientAddress, Map<String, List<String>> headers) {

    public static final RequestMetadata EMPTY = new RequestMetadata("", Map.of());

    public RequestMetadata {
        clientAddress = clientAddress == null ? "" : clientAddress;
        headers = headers == null ? Map.of() : Map.copyOf(headers);
    }

    /** The first value of a header, or null. */
    public String header(String name) {
        List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
