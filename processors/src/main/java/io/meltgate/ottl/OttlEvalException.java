package io.meltgate.ottl;

/**
 * A statement or condition that failed on one item at run time (a value of a type a function cannot take, a
 * division by zero). What happens next is the component's {@link ErrorMode}.
 */
public final class OttlEvalException extends RuntimeException {

    public OttlEvalException(String message) {
        super(message, null, false, false);
    }
}
