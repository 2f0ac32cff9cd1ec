package io.meltgate.receiver.otlp.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufInputStream;
import io.netty.buffer.ByteBufUtil;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;

/**
 * Turns a request body into the bytes to decode, undoing its {@code Content-Encoding} ({@code gzip},
 * {@code deflate} in its zlib or raw form, or none) and holding the decompressed size to the same
 * {@code max_request_body_size} as the wire size, so a small compressed bomb cannot expand without bound.
 */
final class RequestBodies {

    /** The body cannot be decompressed: bad data (400). */
    static final class CorruptBodyException extends Exception {
        CorruptBodyException(String message) {
            super(message, null, false, false);
        }
    }

    /** The decompressed body exceeds the limit (413). */
    static final class BodyTooLargeException extends Exception {
        BodyTooLargeException(String message) {
            super(message, null, false, false);
        }
    }

    /** The Content-Encoding is not one we decode (400, as the Collector answers it). */
    static final class UnsupportedEncodingException extends Exception {
        UnsupportedEncodingException(String message) {
            super(message, null, false, false);
        }
    }

    private RequestBodies() {
    }

    /** True for the encodings that need no work. */
    static boolean isIdentity(String contentEncoding) {
        if (contentEncoding == null) {
            return true;
        }
        String e = contentEncoding.trim().toLowerCase(Locale.ROOT);
        return e.isEmpty() || e.equals("identity");
    }

    static byte[] decode(ByteBuf body, String contentEncoding, int limit)
            throws CorruptBodyException, BodyTooLargeException, UnsupportedEncodingException {
        if (isIdentity(contentEncoding)) {
            return ByteBufUtil.getBytes(body);
        }
        String e = contentEncoding.trim().toLowerCase(Locale.ROOT);
        try {
            InputStream in = switch (e) {
                case "gzip", "x-gzip" -> new GZIPInputStream(new ByteBufInputStream(body.duplicate()), 8192);
                case "deflate", "zlib" -> new InflaterInputStream(new ByteBufInputStream(body.duplicate()),
                        new Inflater(!hasZlibHeader(body)), 8192);
                default -> throw new UnsupportedEncodingException("unsupported Content-Encoding \"" + contentEncoding
                        + "\"; supported: gzip, deflate, identity");
            };
            try (in) {
                return readAtMost(in, limit);
            }
        } catch (IOException | RuntimeException ex) {
            throw new CorruptBodyException("cannot decompress the " + e + " body: " + ex.getMessage());
        }
    }

    /** RFC 1950: deflate as HTTP means zlib-wrapped, but some clients send raw deflate; accept both. */
    private static boolean hasZlibHeader(ByteBuf body) {
        if (body.readableBytes() < 2) {
            return true;
        }
        int cmf = body.getUnsignedByte(body.readerIndex());
        int flg = body.getUnsignedByte(body.readerIndex() + 1);
        return (cmf & 0x0F) == 8 && ((cmf << 8) | flg) % 31 == 0;
    }

    private static byte[] readAtMost(InputStream in, int limit) throws IOException, BodyTooLargeException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
        byte[] buf = new byte[8192];
        long total = 0;
        int n;
        while ((n = in.read(buf)) > 0) {
            total += n;
            if (total > limit) {
                throw new BodyTooLargeException("the decompressed body exceeds max_request_body_size (" + limit + " bytes)");
            }
            out.write(buf, 0, n);
        }
        return out.toByteArray();
    }
}
