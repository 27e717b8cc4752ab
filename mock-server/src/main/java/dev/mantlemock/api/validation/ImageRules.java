package dev.mantlemock.api.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.mantlemock.domain.ApiError;
import dev.mantlemock.domain.ApiException;
import dev.mantlemock.tokens.ImageSize;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The first-party limits on base64 images (vision docs, "General limits"): at most 5 MB of base64 each,
 * bytes of the declared format, and at most 8000 px a side, or 2000 px once a request holds more than
 * 20 images. Paths name the block by its type, as the first-party messages do
 * ({@code messages.1.content.0.tool_result.content.1.image.source.base64}).
 */
final class ImageRules {
    /** [D] The cap is on the base64 text, not the decoded bytes (the 400 quotes the encoded length). */
    static final int MAX_BASE64_BYTES = 5 * 1024 * 1024;
    static final int MAX_SIDE_PX = 8000;
    static final int MANY_IMAGES_MAX_SIDE_PX = 2000;
    /** [D] "If you submit more than 20 images in one API request, this limit is reduced to 2000x2000 px." */
    static final int MANY_IMAGES = 20;

    private record Image(String path, JsonNode source) {}

    private ImageRules() {}

    static void check(ArrayNode messages) {
        List<Image> images = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            collect(messages.get(i).path("content"), "messages." + i + ".content", images);
        }
        boolean many = images.size() > MANY_IMAGES;
        for (Image image : images) {
            if (image.source().path("type").asText().equals("base64")) {
                checkOne(image.path() + ".image.source.base64", image.source(), many);
            }
        }
    }

    private static void collect(JsonNode content, String path, List<Image> out) {
        for (int j = 0; j < content.size(); j++) {
            JsonNode block = content.get(j);
            String type = block.path("type").asText();
            if (type.equals("image")) {
                out.add(new Image(path + "." + j, block.path("source")));
            } else if (type.equals("tool_result")) {
                collect(block.path("content"), path + "." + j + ".tool_result.content", out);
            }
        }
    }

    private static void checkOne(String path, JsonNode source, boolean many) {
        String data = source.path("data").asText();
        String declared = source.path("media_type").asText();
        if (data.length() > MAX_BASE64_BYTES) {
            throw ApiException.of(ApiError.IMAGE_TOO_LARGE, path, data.length(), MAX_BASE64_BYTES);
        }
        Optional<String> actual = ImageSize.mediaTypeOf(data);
        if (actual.isEmpty()) {
            throw ApiException.of(ApiError.IMAGE_NOT_MEDIA_TYPE, path, declared);
        }
        if (!actual.get().equals(declared)) {
            throw ApiException.of(ApiError.IMAGE_MEDIA_TYPE_MISMATCH, path, declared, actual.get());
        }
        ImageSize.fromBase64(data).ifPresent(size -> {
            int limit = many ? MANY_IMAGES_MAX_SIDE_PX : MAX_SIDE_PX;
            if (size.width() > limit || size.height() > limit) {
                throw ApiException.of(many ? ApiError.IMAGE_DIMENSIONS_MANY : ApiError.IMAGE_DIMENSIONS, path, limit);
            }
        });
    }
}
