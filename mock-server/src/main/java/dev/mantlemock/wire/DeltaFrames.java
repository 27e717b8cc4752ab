package dev.mantlemock.wire;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * {@code content_block_delta} events written straight to their framed bytes, exactly as Jackson
 * would write their JSON ({@code SseEncoderTest} holds the two equal). Deltas are nearly every event
 * of every stream; building and serialising a JSON tree for each was a fifth of a paced stream's CPU.
 */
final class DeltaFrames {
    private static final byte[] TAIL = "\"}}\n\n".getBytes(StandardCharsets.US_ASCII);

    private DeltaFrames() {}

    /** Everything of a block's deltas before their text: the same for every delta of the block. */
    static byte[] prefix(int index, String deltaType, String field) {
        return ("event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":" + index
                + ",\"delta\":{\"type\":\"" + deltaType + "\",\"" + field + "\":\"").getBytes(StandardCharsets.US_ASCII);
    }

    /** {@code {"type":"content_block_delta","index":i,"delta":{"type":deltaType,field:"value"}}}, framed after its prefix. */
    static SseEvent delta(byte[] prefix, int index, String value, int tokens) {
        byte[] quoted = JsonStringEncoder.getInstance().quoteAsUTF8(value);
        byte[] frame = Arrays.copyOf(prefix, prefix.length + quoted.length + TAIL.length);
        System.arraycopy(quoted, 0, frame, prefix.length, quoted.length);
        System.arraycopy(TAIL, 0, frame, frame.length - TAIL.length, TAIL.length);
        return SseEvent.framed("content_block_delta", frame, true, tokens, index);
    }
}
