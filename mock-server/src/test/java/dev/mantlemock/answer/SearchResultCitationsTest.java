package dev.mantlemock.answer;

import static org.assertj.core.api.Assertions.assertThat;

import com.anthropic.core.JsonValue;
import com.anthropic.models.messages.CitationsConfigParam;
import com.anthropic.models.messages.CitationsSearchResultLocation;
import com.anthropic.models.messages.ContentBlock;
import com.anthropic.models.messages.ContentBlockParam;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.MessageParam;
import com.anthropic.models.messages.SearchResultBlockParam;
import com.anthropic.models.messages.TextBlockParam;
import com.anthropic.models.messages.TextCitation;
import com.anthropic.models.messages.ToolResultBlockParam;
import com.anthropic.models.messages.ToolUseBlockParam;
import dev.mantlemock.testing.RunningMock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Search results sent with citations enabled are answered with {@code search_result_location} citations,
 * read through the official Java SDK's types: the index counts every search result in the request, in
 * messages and tool results, and the block range is exclusive at its end.
 */
class SearchResultCitationsTest {

    @RegisterExtension
    static final RunningMock mock = RunningMock.perClass();

    private static final List<String> GUIDE = List.of("Open Settings. ", "Choose Configuration. ", "The timeout is 30 seconds.");

    private static SearchResultBlockParam result(String source, List<String> texts, boolean cite) {
        SearchResultBlockParam.Builder b = SearchResultBlockParam.builder().source(source).title("Title of " + source)
                .citations(CitationsConfigParam.builder().enabled(cite).build());
        texts.forEach(t -> b.addContent(TextBlockParam.builder().text(t).build()));
        return b.build();
    }

    private static List<CitationsSearchResultLocation> citations(Message reply) {
        return reply.content().stream().filter(ContentBlock::isText)
                .flatMap(t -> t.asText().citations().orElse(List.of()).stream())
                .map(TextCitation::asSearchResultLocation).toList();
    }

    @Test
    void aSearchResultWithCitationsIsCitedBySearchResultLocation() {
        Message reply = mock.client().messages().create(MessageCreateParams.builder().model(RunningMock.MODEL).maxTokens(300)
                .addUserMessageOfContentBlockParams(List.of(
                        ContentBlockParam.ofSearchResult(result("https://kb/uncited", List.of("Not cited."), false)),
                        ContentBlockParam.ofSearchResult(result("https://kb/guide", GUIDE, true)),
                        ContentBlockParam.ofText(TextBlockParam.builder().text("How do I configure it?").build())))
                .build());

        List<CitationsSearchResultLocation> cited = citations(reply);
        assertThat(cited).isNotEmpty().allSatisfy(c -> {
            assertThat(c.searchResultIndex()).isEqualTo(1);
            assertThat(c.source()).isEqualTo("https://kb/guide");
            assertThat(c.title()).contains("Title of https://kb/guide");
            assertThat(c.endBlockIndex()).isGreaterThan(c.startBlockIndex()).isLessThanOrEqualTo(GUIDE.size());
            assertThat(c.citedText()).isEqualTo(String.join("", GUIDE.subList((int) c.startBlockIndex(), (int) c.endBlockIndex())));
        });
    }

    @Test
    void searchResultsInsideToolResultsCountInTheIndex() {
        MessageParam call = MessageParam.ofAssistantOfContentBlockParams(List.of(ContentBlockParam.ofToolUse(
                ToolUseBlockParam.builder().id("toolu_1").name("search").input(JsonValue.from(Map.of("q", "timeout"))).build())));
        ContentBlockParam found = ContentBlockParam.ofToolResult(ToolResultBlockParam.builder().toolUseId("toolu_1")
                .contentOfBlocks(List.of(ToolResultBlockParam.Content.Block.ofSearchResult(result("https://kb/guide", GUIDE, true))))
                .build());

        Message reply = mock.client().messages().create(MessageCreateParams.builder().model(RunningMock.MODEL).maxTokens(300)
                .addUserMessageOfContentBlockParams(List.of(
                        ContentBlockParam.ofSearchResult(result("https://kb/old", List.of("Old page."), false)),
                        ContentBlockParam.ofText(TextBlockParam.builder().text("Search for the timeout").build())))
                .addMessage(call).addUserMessageOfContentBlockParams(List.of(found)).build());

        assertThat(citations(reply)).isNotEmpty().allSatisfy(c -> assertThat(c.searchResultIndex()).isEqualTo(1));
    }
}
