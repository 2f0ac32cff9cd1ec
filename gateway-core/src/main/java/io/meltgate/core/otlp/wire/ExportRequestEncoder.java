package io.meltgate.core.otlp.wire;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.MessageLite;
import io.meltgate.core.data.Batch;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Encodes a batch as the OTLP export request that carries it, in protobuf. A resource entry whose received
 * bytes the batch still has ({@link Batch#wireOf}) is copied as it came; only entries built or changed in
 * the gateway are encoded. The result is the same request {@code batch.toRequest().toByteArray()} gives.
 */
public final class ExportRequestEncoder {

    private static final int RESOURCES_FIELD = 1;

    private ExportRequestEncoder() {
    }

    public static byte[] encode(Batch batch) {
        List<? extends MessageLite> resources = batch.resources();
        int size = 0;
        for (int i = 0; i < resources.size(); i++) {
            ByteString wire = batch.wireOf(i);
            size += wire != null
                    ? CodedOutputStream.computeBytesSize(RESOURCES_FIELD, wire)
                    : CodedOutputStream.computeMessageSize(RESOURCES_FIELD, resources.get(i));
        }
        byte[] out = new byte[size];
        CodedOutputStream cos = CodedOutputStream.newInstance(out);
        try {
            for (int i = 0; i < resources.size(); i++) {
                ByteString wire = batch.wireOf(i);
                if (wire != null) {
                    // Same bytes as writeMessage: tag, length, then the entry's encoding.
                    cos.writeBytes(RESOURCES_FIELD, wire);
                } else {
                    cos.writeMessage(RESOURCES_FIELD, resources.get(i));
                }
            }
            cos.checkNoSpaceLeft();
        } catch (IOException e) {
            throw new UncheckedIOException("encoding into an array of the computed size cannot fail", e);
        }
        return out;
    }
}
