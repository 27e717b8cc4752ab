package dev.mantlemock.tokens;

import dev.mantlemock.testing.TestRequests;
import static dev.mantlemock.testing.TestRequests.OPUS_47;
import static dev.mantlemock.testing.TestRequests.SONNET;
import static dev.mantlemock.testing.TestRequests.request;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mantlemock.domain.MessageRequest;
import java.util.List;
import org.junit.jupiter.api.Test;

class TokenEstimatorTest {
    private final TokenEstimator estimator = new TokenEstimator();

    @Test
    void textCostsOneTokenPerThreeAndAHalfCharactersRoundedUp() {
        assertThat(estimator.estimateText("", SONNET)).isZero();
        assertThat(estimator.estimateText("abc", SONNET)).isEqualTo(1);
        assertThat(estimator.estimateText("abcdefg", SONNET)).isEqualTo(2);
        assertThat(estimator.estimateText("abcdefgh", SONNET)).isEqualTo(3);
    }

    @Test
    void theNewerTokenizerCountsThirtyPercentMore() {
        String text = "x".repeat(35); // 10 classic tokens
        assertThat(estimator.estimateText(text, SONNET)).isEqualTo(10);
        assertThat(estimator.estimateText(text, OPUS_47)).isEqualTo(13);
    }

    @Test
    void charactersAreCodePointsNotUtf16Units() {
        assertThat(estimator.estimateText("😀😀😀😀😀😀😀", SONNET)).isEqualTo(2);
    }

    @Test
    void countTokensAndMessagesGiveTheSameNumberForTheSamePrompt() {
        String prompt = """
            "system":[{"type":"text","text":"You are terse."}],
            "tools":[{"name":"get_weather","input_schema":{"type":"object","properties":{"city":{"type":"string"}}}}],
            "messages":[{"role":"user","content":"What is the weather in Paris?"},
                        {"role":"assistant","content":[{"type":"tool_use","id":"toolu_1","name":"get_weather","input":{"city":"Paris"}}]},
                        {"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_1","content":"18 degrees"}]}]""";
        MessageRequest countTokens = request("{\"model\":\"m\"," + prompt + "}");
        MessageRequest messages = request("{\"model\":\"m\",\"max_tokens\":1000,\"stream\":true,\"temperature\":0.5,"
                + "\"tool_choice\":{\"type\":\"any\"},\"stop_sequences\":[\"x\"]," + prompt + "}");
        assertThat(estimator.estimateInput(messages, SONNET)).isEqualTo(estimator.estimateInput(countTokens, SONNET)).isPositive();
    }

    @Test
    void cacheControlMarksThePromptWithoutAddingToIt() {
        MessageRequest plain = request("""
            {"system":[{"type":"text","text":"Long instructions"}],"messages":[{"role":"user","content":"hi"}]}""");
        MessageRequest marked = request("""
            {"system":[{"type":"text","text":"Long instructions","cache_control":{"type":"ephemeral","ttl":"1h"}}],
             "messages":[{"role":"user","content":"hi"}],"cache_control":{"type":"ephemeral"}}""");
        assertThat(estimator.estimateInput(marked, SONNET)).isEqualTo(estimator.estimateInput(plain, SONNET));
    }

    @Test
    void theTotalIsTheSumOfItsPartsInToolsSystemMessagesOrder() {
        MessageRequest r = request("""
            {"messages":[{"role":"user","content":[{"type":"text","text":"one"},{"type":"text","text":"two"}]}],
             "system":"sys","tools":[{"name":"t","input_schema":{"type":"object"}}]}""");
        List<PromptPart> parts = estimator.parts(r, SONNET);
        assertThat(parts).extracting(PromptPart::where)
                .containsExactly("tools", "tools.0", "system", "messages.0.role:user", "messages.0.content.0", "messages.0.content.1");
        assertThat(parts.stream().mapToInt(PromptPart::tokens).sum()).isEqualTo(estimator.estimateInput(r, SONNET));
    }

    @Test
    void toolsAddTheirJsonAndAFixedOverheadOnce() {
        MessageRequest without = request("{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        MessageRequest with = request("""
            {"messages":[{"role":"user","content":"hi"}],
             "tools":[{"name":"a","input_schema":{"type":"object"}},{"name":"b","input_schema":{"type":"object"}}]}""");
        int toolJson = 2 * estimator.estimateText("{\"input_schema\":{\"type\":\"object\"},\"name\":\"a\"}", SONNET);
        assertThat(estimator.estimateInput(with, SONNET) - estimator.estimateInput(without, SONNET))
                .isEqualTo(TokenFacts.TOOLS_OVERHEAD_TOKENS + toolJson);
    }

    @Test
    void everyMessageCarriesASmallOverhead() {
        MessageRequest r = request("""
            {"messages":[{"role":"user","content":"abc"},{"role":"assistant","content":"abc"}]}""");
        assertThat(estimator.estimateInput(r, SONNET)).isEqualTo(2 * (1 + TokenFacts.MESSAGE_OVERHEAD_TOKENS));
    }

    @Test
    void imagesCostWidthTimesHeightOver750() {
        assertThat(imageTokens(TestRequests.pngBase64(200, 150))).isEqualTo(40);
        assertThat(imageTokens(TestRequests.gifBase64(750, 10))).isEqualTo(10);
        assertThat(imageTokens(TestRequests.jpegBase64(1000, 750))).isEqualTo(1000);
        assertThat(imageTokens(TestRequests.webpBase64(300, 250))).isEqualTo(100);
    }

    @Test
    void largeImagesAreScaledDownFirst() {
        // 3136×100 → long side 1568 → 1568×50 = 78,400 px → 105 tokens
        assertThat(imageTokens(TestRequests.pngBase64(3136, 100))).isEqualTo(105);
        // 2000×2000 → area capped near 1.15 MP → about 1,533 tokens, never above the documented ~1,600
        assertThat(imageTokens(TestRequests.pngBase64(2000, 2000))).isBetween(1500, 1600);
    }

    @Test
    void unreadableImagesFallBackToAFixedCost() {
        assertThat(imageTokens("bm90IGFuIGltYWdl")).isEqualTo(TokenFacts.IMAGE_FALLBACK_TOKENS);
        assertThat(imageTokens("%%% not base64")).isEqualTo(TokenFacts.IMAGE_FALLBACK_TOKENS);
    }

    @Test
    void toolUseAndToolResultCountTheirPayloads() {
        MessageRequest r = request("""
            {"messages":[{"role":"assistant","content":[{"type":"tool_use","id":"x","name":"abcdefg","input":{"k":"v"}}]},
                         {"role":"user","content":[{"type":"tool_result","tool_use_id":"x","content":[{"type":"text","text":"abcdefg"}]}]}]}""");
        int toolUse = 2 + estimator.estimateText("{\"k\":\"v\"}", SONNET);
        assertThat(estimator.estimateInput(r, SONNET)).isEqualTo(2 * TokenFacts.MESSAGE_OVERHEAD_TOKENS + toolUse + 2);
    }

    @Test
    void documentsCountTheirTextAndPdfsTheirDecodedSize() {
        MessageRequest text = request("""
            {"messages":[{"role":"user","content":[{"type":"document","source":{"type":"text","media_type":"text/plain","data":"abcdefg"}}]}]}""");
        MessageRequest pdf = request("""
            {"messages":[{"role":"user","content":[{"type":"document","source":{"type":"base64","media_type":"application/pdf","data":"%s"}}]}]}"""
                .formatted("A".repeat(28)));
        assertThat(estimator.estimateInput(text, SONNET) - TokenFacts.MESSAGE_OVERHEAD_TOKENS).isEqualTo(2);
        assertThat(estimator.estimateInput(pdf, SONNET) - TokenFacts.MESSAGE_OVERHEAD_TOKENS).isEqualTo(6); // 21 bytes
    }

    private int imageTokens(String base64) {
        return estimator.estimateImage(TestRequests.node("{\"type\":\"base64\",\"media_type\":\"image/png\",\"data\":\"" + base64 + "\"}"));
    }
}
