package io.meltgate.processor.support;

import java.util.ArrayList;
import java.util.List;

/**
 * Rewriting immutable lists of protobuf messages element by element, allocating only once something changes:
 * the list comes back as the same instance when every element does.
 */
public final class Rewrite {

    /** What to do with one element: return it to keep it, a new one to replace it, or null to remove it. */
    @FunctionalInterface
    public interface Step<T> {
        T apply(T element) throws Exception;
    }

    private Rewrite() {
    }

    public static <T> List<T> list(List<T> in, Step<T> step) throws Exception {
        List<T> out = null;
        for (int i = 0, n = in.size(); i < n; i++) {
            T e = in.get(i);
            T r = step.apply(e);
            if (r != e && out == null) {
                out = new ArrayList<>(n);
                out.addAll(in.subList(0, i));
            }
            if (out != null && r != null) {
                out.add(r);
            }
        }
        return out == null ? in : out;
    }
}
