package io.meltgate.core.component;

/** A component outside the pipelines (health check, ...). Started first, stopped last. */
public interface Extension extends Component {
}
