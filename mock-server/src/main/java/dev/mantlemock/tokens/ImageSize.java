package dev.mantlemock.tokens;

import java.util.Base64;
import java.util.Optional;

/**
 * Width and height read from the header of a base64 PNG, JPEG, GIF or WebP, and the format its magic
 * bytes say; nothing is decoded beyond the header.
 */
public record ImageSize(int width, int height) {

    /** JPEG headers can sit behind large EXIF segments; this much base64 covers nearly every real file. */
    private static final int HEADER_BASE64_CHARS = 512 * 1024;

    /** The media type the first bytes announce ({@code image/png}, ...), empty when they are no format the API takes. */
    public static Optional<String> mediaTypeOf(String data) {
        try {
            byte[] b = Base64.getMimeDecoder().decode(data.substring(0, Math.min(data.length(), 16)));
            if (b.length >= 4 && (b[0] & 0xff) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G') {
                return Optional.of("image/png");
            }
            if (b.length >= 3 && (b[0] & 0xff) == 0xff && (b[1] & 0xff) == 0xd8 && (b[2] & 0xff) == 0xff) {
                return Optional.of("image/jpeg");
            }
            if (b.length >= 4 && b[0] == 'G' && b[1] == 'I' && b[2] == 'F' && b[3] == '8') {
                return Optional.of("image/gif");
            }
            if (b.length >= 12 && b[0] == 'R' && b[1] == 'I' && b[2] == 'F' && b[3] == 'F' && b[8] == 'W' && b[9] == 'E' && b[10] == 'B' && b[11] == 'P') {
                return Optional.of("image/webp");
            }
            return Optional.empty();
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
    }

    public static Optional<ImageSize> fromBase64(String data) {
        try {
            String head = data.length() <= HEADER_BASE64_CHARS ? data : data.substring(0, HEADER_BASE64_CHARS);
            byte[] b = Base64.getMimeDecoder().decode(head);
            return Optional.ofNullable(png(b)).or(() -> Optional.ofNullable(gif(b)))
                    .or(() -> Optional.ofNullable(webp(b))).or(() -> Optional.ofNullable(jpeg(b)))
                    .filter(s -> s.width > 0 && s.height > 0);
        } catch (RuntimeException notAnImage) {
            return Optional.empty();
        }
    }

    /** The size Anthropic actually looks at: scaled down to the long-side and area limits. */
    ImageSize scaledForModel() {
        double scale = 1.0;
        int longSide = Math.max(width, height);
        if (longSide > TokenFacts.IMAGE_MAX_LONG_SIDE_PX) {
            scale = (double) TokenFacts.IMAGE_MAX_LONG_SIDE_PX / longSide;
        }
        double area = (width * scale) * (height * scale);
        if (area > TokenFacts.IMAGE_MAX_PIXELS) {
            scale *= Math.sqrt(TokenFacts.IMAGE_MAX_PIXELS / area);
        }
        return scale == 1.0 ? this
                : new ImageSize(Math.max(1, (int) Math.floor(width * scale)), Math.max(1, (int) Math.floor(height * scale)));
    }

    int tokens() {
        ImageSize s = scaledForModel();
        return (int) Math.ceil((double) s.width * s.height / TokenFacts.IMAGE_PIXELS_PER_TOKEN);
    }

    private static ImageSize png(byte[] b) {
        if (b.length < 24 || (b[0] & 0xff) != 0x89 || b[1] != 'P' || b[2] != 'N' || b[3] != 'G') {
            return null;
        }
        return new ImageSize(be32(b, 16), be32(b, 20));
    }

    private static ImageSize gif(byte[] b) {
        if (b.length < 10 || b[0] != 'G' || b[1] != 'I' || b[2] != 'F') {
            return null;
        }
        return new ImageSize(le16(b, 6), le16(b, 8));
    }

    private static ImageSize webp(byte[] b) {
        if (b.length < 30 || b[0] != 'R' || b[1] != 'I' || b[8] != 'W' || b[9] != 'E' || b[10] != 'B' || b[11] != 'P') {
            return null;
        }
        String chunk = new String(b, 12, 4, java.nio.charset.StandardCharsets.US_ASCII);
        switch (chunk) {
            case "VP8 ":
                return new ImageSize(le16(b, 26) & 0x3fff, le16(b, 28) & 0x3fff);
            case "VP8L": {
                int b0 = b[21] & 0xff, b1 = b[22] & 0xff, b2 = b[23] & 0xff, b3 = b[24] & 0xff;
                int w = 1 + (((b1 & 0x3f) << 8) | b0);
                int h = 1 + (((b3 & 0x0f) << 10) | (b2 << 2) | ((b1 & 0xc0) >> 6));
                return new ImageSize(w, h);
            }
            case "VP8X":
                return new ImageSize(1 + le24(b, 24), 1 + le24(b, 27));
            default:
                return null;
        }
    }

    private static ImageSize jpeg(byte[] b) {
        if (b.length < 4 || (b[0] & 0xff) != 0xff || (b[1] & 0xff) != 0xd8) {
            return null;
        }
        int i = 2;
        while (i + 9 < b.length) {
            if ((b[i] & 0xff) != 0xff) {
                return null;
            }
            int marker = b[i + 1] & 0xff;
            if (marker == 0xff) { // fill byte
                i++;
                continue;
            }
            boolean startOfFrame = marker >= 0xc0 && marker <= 0xcf && marker != 0xc4 && marker != 0xc8 && marker != 0xcc;
            if (startOfFrame) {
                return new ImageSize(be16(b, i + 7), be16(b, i + 5));
            }
            i += 2 + be16(b, i + 2);
        }
        return null;
    }

    private static int be16(byte[] b, int i) { return ((b[i] & 0xff) << 8) | (b[i + 1] & 0xff); }
    private static int be32(byte[] b, int i) { return (be16(b, i) << 16) | be16(b, i + 2); }
    private static int le16(byte[] b, int i) { return (b[i] & 0xff) | ((b[i + 1] & 0xff) << 8); }
    private static int le24(byte[] b, int i) { return le16(b, i) | ((b[i + 2] & 0xff) << 16); }
}
