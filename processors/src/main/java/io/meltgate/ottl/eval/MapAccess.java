package io.meltgate.ottl.eval;

import io.meltgate.ottl.OttlContext;
import io.opentelemetry.proto.common.v1.KeyValue;
import java.util.List;

/** A map-valued path that map editors work on in place: {@code attributes}, {@code resource.attributes}. */
public interface MapAccess {

    /** The entries as they are now (never null, not to be modified). */
    List<KeyValue> read(OttlContext ctx);

    /** Replaces all entries. Called only when something changed. */
    void write(OttlContext ctx, List<KeyValue> entries);
}
