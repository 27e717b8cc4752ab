package dev.mantlemock.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mantlemock.domain.MessageRequest;
import dev.mantlemock.domain.ModelSpec;
import java.io.ByteArrayOutputStream;
import java.util.Base64;

/** Request bodies written as JSON text, as a client would send them. */
public final class TestRequests {
    public static final ObjectMapper MAPPER = new ObjectMapper();
    public static final ModelSpec SONNET = new ModelSpec("anthropic.claude-sonnet-5", 200_000, 64_000, 1.0);
    public static final ModelSpec OPUS_47 = new ModelSpec("anthropic.claude-opus-4-7", 1_000_000, 128_000, 1.3);

    private TestRequests() {}

    public static MessageRequest request(String json) {
        return new MessageRequest((ObjectNode) node(json));
    }

    public static JsonNode node(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (Exception e) {
            throw new IllegalArgumentException("bad test JSON: " + json, e);
        }
    }

    public static String quoted(String text) {
        return MAPPER.valueToTree(text).toString();
    }

    /** Just enough of a PNG for its header to state a size. */
    public static String pngBase64(int width, int height) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 'I', 'H', 'D', 'R'});
        b.writeBytes(new byte[] {(byte) (width >>> 24), (byte) (width >>> 16), (byte) (width >>> 8), (byte) width});
        b.writeBytes(new byte[] {(byte) (height >>> 24), (byte) (height >>> 16), (byte) (height >>> 8), (byte) height});
        b.writeBytes(new byte[] {8, 2, 0, 0, 0, 0, 0, 0, 0});
        return Base64.getEncoder().encodeToString(b.toByteArray());
    }

    /** A GIF header: "GIF89a" then little-endian width and height. */
    public static String gifBase64(int width, int height) {
        byte[] b = {'G', 'I', 'F', '8', '9', 'a', (byte) width, (byte) (width >>> 8), (byte) height, (byte) (height >>> 8), 0, 0, 0};
        return Base64.getEncoder().encodeToString(b);
    }

    /** An extended WebP (VP8X): width-1 and height-1 as 24-bit little-endian numbers at offsets 24 and 27. */
    public static String webpBase64(int width, int height) {
        int w = width - 1, h = height - 1;
        byte[] b = {'R', 'I', 'F', 'F', 0, 0, 0, 0, 'W', 'E', 'B', 'P', 'V', 'P', '8', 'X', 10, 0, 0, 0, 0, 0, 0, 0,
                (byte) w, (byte) (w >>> 8), (byte) (w >>> 16), (byte) h, (byte) (h >>> 8), (byte) (h >>> 16), 0, 0};
        return Base64.getEncoder().encodeToString(b);
    }

    /** A JPEG with an APP0 segment before the SOF0 frame header. */
    public static String jpegBase64(int width, int height) {
        byte[] b = {(byte) 0xff, (byte) 0xd8,
                (byte) 0xff, (byte) 0xe0, 0, 6, 'J', 'F', 'I', 'F',
                (byte) 0xff, (byte) 0xc0, 0, 11, 8, (byte) (height >>> 8), (byte) height, (byte) (width >>> 8), (byte) width, 3, 0, 0, 0};
        return Base64.getEncoder().encodeToString(b);
    }
}
