package io.meltgate.ottl;

import io.meltgate.ottl.eval.Values;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** Test helper: the SHA-256 hex the engine and the attributes processor produce for a string. */
public final class OttlParserTestAccess {

    private OttlParserTestAccess() {
    }

    public static String sha256(String s) throws Exception {
        return Values.hex(com.google.protobuf.ByteString.copyFrom(
                MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8))));
    }
}
