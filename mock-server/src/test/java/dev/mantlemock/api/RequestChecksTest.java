package dev.mantlemock.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.anthropic.errors.BadRequestException;
import com.anthropic.models.messages.Base64ImageSource;
import com.anthropic.models.messages.ContentBlockParam;
import com.anthropic.models.messages.ImageBlockParam;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.MessageParam;
import com.anthropic.models.messages.TextBlockParam;
import com.anthropic.models.messages.ToolResultBlockParam;
import com.anthropic.models.messages.ToolUseBlockParam;
import com.anthropic.core.JsonValue;
import dev.mantlemock.testing.RunningMock;
import dev.mantlemock.testing.TestRequests;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The first-party API's content rules, met through the official Java SDK, each in the first-party words. */
class RequestChecksTest {

    @RegisterExtension
    static final RunningMock mock = RunningMock.perClass();

    private static MessageCreateParams.Builder ask() {
        return MessageCreateParams.builder().model(RunningMock.MODEL).maxTokens(50);
    }

    private static void refused(MessageCreateParams params, String message) {
        assertThatThrownBy(() -> mock.client().messages().create(params))
                .isInstanceOfSatisfying(BadRequestException.class, e -> assertThat(e.getMessage()).contains(message));
    }

    private static ContentBlockParam text(String text) {
        return ContentBlockParam.ofText(TextBlockParam.builder().text(text).build());
    }

    @Test
    void anEmptyTextBlockIsRefusedInFirstPartyWords() {
        refused(ask().addUserMessageOfContentBlockParams(List.of(text("Hi"), text(""))).build(),
                "messages: text content blocks must be non-empty");
    }

    @Test
    void aWhitespaceOnlyTextBlockIsRefusedInFirstPartyWords() {
        refused(ask().addUserMessageOfContentBlockParams(List.of(text(" \n "))).build(),
                "messages: text content blocks must contain non-whitespace text");
    }

    @Test
    void anEmptySystemTextBlockIsRefusedToo() {
        refused(ask().systemOfTextBlockParams(List.of(TextBlockParam.builder().text("").build())).addUserMessage("Hi").build(),
                "system: text content blocks must be non-empty");
    }

    @Test
    void anEmptyStringOrEmptyListAsContentIsRefusedInFirstPartyWords() {
        String expected = "messages.0: all messages must have non-empty content except for the optional final assistant message";
        refused(ask().addUserMessage("").build(), expected);
        refused(ask().addUserMessageOfContentBlockParams(List.of()).build(), expected);
        refused(ask().addUserMessage("Hi").addAssistantMessage("").addUserMessage("Go on").build(),
                expected.replace("messages.0", "messages.1"));
    }

    @Test
    void anEmptyFinalAssistantMessageIsAccepted() {
        Message reply = mock.client().messages().create(ask().addUserMessage("Hi").addAssistantMessage("").build());

        assertThat(reply.content()).isNotEmpty();
    }

    @Test
    void toolResultsMustComeFirstInTheirUserTurn() {
        MessageParam call = MessageParam.ofAssistantOfContentBlockParams(List.of(
                ContentBlockParam.ofToolUse(ToolUseBlockParam.builder().id("toolu_1").name("weather")
                        .input(JsonValue.from(Map.of())).build())));
        ContentBlockParam result = ContentBlockParam.ofToolResult(
                ToolResultBlockParam.builder().toolUseId("toolu_1").content("sunny").build());

        refused(ask().addUserMessage("Weather?").addMessage(call)
                        .addUserMessageOfContentBlockParams(List.of(text("Here it is:"), result)).build(),
                "messages.2: Did not find 1 `tool_result` block(s) at the beginning of this message. "
                        + "Messages following `tool_use` blocks must begin with a matching number of `tool_result` blocks.");
        Message ok = mock.client().messages().create(ask().addUserMessage("Weather?").addMessage(call)
                .addUserMessageOfContentBlockParams(List.of(result, text("Thanks"))).build());
        assertThat(ok.content()).isNotEmpty();
    }

    private static ContentBlockParam image(Base64ImageSource.MediaType type, String base64) {
        return ContentBlockParam.ofImage(ImageBlockParam.builder()
                .source(Base64ImageSource.builder().mediaType(type).data(base64).build()).build());
    }

    private static MessageCreateParams withImages(List<ContentBlockParam> images) {
        List<ContentBlockParam> blocks = new ArrayList<>(images);
        blocks.add(text("Describe these."));
        return ask().addUserMessageOfContentBlockParams(blocks).build();
    }

    @Test
    void anImageOver8000PixelsASideIsRefusedInFirstPartyWords() {
        refused(withImages(List.of(image(Base64ImageSource.MediaType.IMAGE_PNG, TestRequests.pngBase64(8001, 600)))),
                "messages.0.content.0.image.source.base64.data: At least one of the image dimensions exceed max allowed size: 8000 pixels");
        assertThat(mock.client().messages().create(withImages(List.of(
                image(Base64ImageSource.MediaType.IMAGE_PNG, TestRequests.pngBase64(8000, 8000))))).content()).isNotEmpty();
    }

    @Test
    void moreThanTwentyImagesBringTheLimitDownTo2000Pixels() {
        List<ContentBlockParam> twenty = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            twenty.add(image(Base64ImageSource.MediaType.IMAGE_GIF, TestRequests.gifBase64(2001, 100)));
        }
        assertThat(mock.client().messages().create(withImages(twenty)).content()).isNotEmpty();

        List<ContentBlockParam> twentyOne = new ArrayList<>(twenty);
        twentyOne.add(image(Base64ImageSource.MediaType.IMAGE_GIF, TestRequests.gifBase64(10, 10)));
        refused(withImages(twentyOne), "messages.0.content.0.image.source.base64.data: At least one of the image "
                + "dimensions exceed max allowed size for many-image requests: 2000 pixels");
    }

    @Test
    void anImageWhoseBytesAreAnotherFormatIsRefusedNamingBoth() {
        refused(withImages(List.of(image(Base64ImageSource.MediaType.IMAGE_JPEG, TestRequests.pngBase64(10, 10)))),
                "messages.0.content.0.image.source.base64: The image was specified using the image/jpeg media type, "
                        + "but the image appears to be a image/png image");
    }

    @Test
    void anImageWhoseBytesAreNoImageIsRefused() {
        String notAnImage = Base64.getEncoder().encodeToString("hello, not an image".getBytes());
        refused(withImages(List.of(image(Base64ImageSource.MediaType.IMAGE_WEBP, notAnImage))),
                "messages.0.content.0.image.source.base64.data: Image does not match the provided media type image/webp");
    }

    @Test
    void anImageOver5MegabytesOfBase64IsRefusedWithItsSize() {
        String big = TestRequests.jpegBase64(100, 100) + "A".repeat(5 * 1024 * 1024);
        refused(withImages(List.of(image(Base64ImageSource.MediaType.IMAGE_JPEG, big))),
                "messages.0.content.0.image.source.base64: image exceeds 5 MB maximum: " + big.length() + " bytes > 5242880 bytes");
    }

    @Test
    void anImageInsideAToolResultIsCheckedWithTheFirstPartyPath() {
        MessageParam call = MessageParam.ofAssistantOfContentBlockParams(List.of(
                ContentBlockParam.ofToolUse(ToolUseBlockParam.builder().id("toolu_1").name("screenshot")
                        .input(JsonValue.from(Map.of())).build())));
        ContentBlockParam result = ContentBlockParam.ofToolResult(ToolResultBlockParam.builder().toolUseId("toolu_1")
                .contentOfBlocks(List.of(ToolResultBlockParam.Content.Block.ofText(TextBlockParam.builder().text("shot").build()),
                        ToolResultBlockParam.Content.Block.ofImage(ImageBlockParam.builder().source(Base64ImageSource.builder()
                                .mediaType(Base64ImageSource.MediaType.IMAGE_JPEG).data(TestRequests.pngBase64(10, 10)).build()).build())))
                .build());

        refused(ask().addUserMessage("Take a screenshot").addMessage(call).addUserMessageOfContentBlockParams(List.of(result)).build(),
                "messages.2.content.0.tool_result.content.1.image.source.base64: The image was specified using the image/jpeg");
    }
}
