package io.meltgate.core.component;

/**
 * Takes data from the network and hands it to the consumers it was built with. {@link #shutdown()} stops
 * accepting new requests and waits for the requests in progress to be answered.
 */
public interface Receiver extends Component {
}
