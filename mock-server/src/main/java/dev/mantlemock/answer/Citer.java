package dev.mantlemock.answer;

import dev.mantlemock.domain.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mantlemock.domain.MessageRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Citations into the documents and search results the user sent with {@code citations.enabled}. Documents
 * are numbered across all user messages in order (the {@code document_index}); search results across all
 * messages and tool results in order (the {@code search_result_index}); character indices count code points.
 */
final class Citer {
    /** Text shown in a PDF (a string before a {@code Tj} operator), when the file is not compressed. */
    private static final Pattern PDF_TEXT = Pattern.compile("\\(([^()\\\\]{3,200})\\)\\s*Tj");
    private static final int MAX_CITATIONS = 3;

    /** Something a citation can point into: it picks a passage, or null when there is none. */
    private interface Citable {
        ObjectNode cite(SplittableRandom rnd);
    }

    private record Document(int index, JsonNode block) implements Citable {
        @Override
        public ObjectNode cite(SplittableRandom rnd) {
            return Citer.cite(this, rnd);
        }
    }

    /** A {@code search_result} block; its citations name its {@code source} and {@code title}, not an index alone. */
    private record SearchResult(int index, JsonNode block) implements Citable {
        @Override
        public ObjectNode cite(SplittableRandom rnd) {
            int[] range = blockRange(texts(block.path("content")), rnd);
            if (range == null) {
                return null;
            }
            ObjectNode c = Json.object().put("type", "search_result_location")
                    .put("cited_text", String.join("", texts(block.path("content")).subList(range[0], range[1])))
                    .put("search_result_index", index)
                    .put("source", block.path("source").asText());
            JsonNode title = block.get("title");
            c.put("title", title != null && title.isTextual() ? title.asText() : null);
            c.put("start_block_index", range[0]);
            c.put("end_block_index", range[1]);
            return c;
        }
    }

    private Citer() {}

    /** Up to three citation objects, each pointing into a citable source; empty when there is nothing to cite. */
    static List<ObjectNode> citations(MessageRequest request, SplittableRandom rnd) {
        List<Citable> citable = new ArrayList<>(citableDocuments(request));
        citable.addAll(citableSearchResults(request));
        List<ObjectNode> out = new ArrayList<>();
        if (citable.isEmpty()) {
            return out;
        }
        int wanted = 1 + rnd.nextInt(MAX_CITATIONS);
        for (int attempt = 0; attempt < wanted * 3 && out.size() < wanted; attempt++) {
            ObjectNode citation = citable.get(rnd.nextInt(citable.size())).cite(rnd);
            if (citation != null && !out.contains(citation)) {
                out.add(citation);
            }
        }
        return out;
    }

    private static List<Document> citableDocuments(MessageRequest request) {
        List<Document> out = new ArrayList<>();
        int index = 0;
        for (JsonNode message : request.messages()) {
            if (!message.path("role").asText().equals("user")) {
                continue;
            }
            for (JsonNode block : message.path("content")) {
                if (block.path("type").asText().equals("document")) {
                    if (block.path("citations").path("enabled").asBoolean(false)) {
                        out.add(new Document(index, block));
                    }
                    index++;
                }
            }
        }
        return out;
    }

    /** Every search_result block, in messages and inside tool results, numbered in order; only those with citations on. */
    private static List<SearchResult> citableSearchResults(MessageRequest request) {
        List<SearchResult> out = new ArrayList<>();
        for (JsonNode message : request.messages()) {
            collectSearchResults(message.path("content"), out);
        }
        return out.stream().filter(r -> r.block().path("citations").path("enabled").asBoolean(false)).toList();
    }

    private static void collectSearchResults(JsonNode content, List<SearchResult> out) {
        for (JsonNode block : content) {
            String type = block.path("type").asText();
            if (type.equals("search_result")) {
                out.add(new SearchResult(out.size(), block));
            } else if (type.equals("tool_result")) {
                collectSearchResults(block.path("content"), out);
            }
        }
    }

    private static ObjectNode cite(Document document, SplittableRandom rnd) {
        JsonNode source = document.block().path("source");
        switch (source.path("type").asText()) {
            case "text":
                return charLocation(document, source.path("data").asText(""), rnd);
            case "base64":
                return pageLocation(document, source.path("data").asText(""));
            case "content":
                return contentBlockLocation(document, source.path("content"), rnd);
            default:
                return null; // URL and file sources are not served on Mantle
        }
    }

    /** One sentence of a plain-text document, with its code-point span. */
    private static ObjectNode charLocation(Document document, String text, SplittableRandom rnd) {
        List<int[]> sentences = sentenceSpans(text);
        if (sentences.isEmpty()) {
            return null;
        }
        int[] span = sentences.get(rnd.nextInt(sentences.size()));
        String cited = text.substring(span[0], span[1]);
        ObjectNode c = head("char_location", cited, document);
        c.put("start_char_index", text.codePointCount(0, span[0]));
        c.put("end_char_index", text.codePointCount(0, span[1]));
        return c;
    }

    private static ObjectNode pageLocation(Document document, String base64) {
        String cited = "Text from the first pages of the document.";
        try {
            byte[] pdf = Base64.getMimeDecoder().decode(base64);
            Matcher m = PDF_TEXT.matcher(new String(pdf, StandardCharsets.ISO_8859_1));
            if (m.find()) {
                cited = m.group(1).trim();
            }
        } catch (IllegalArgumentException notBase64) {
            // keep the placeholder text
        }
        ObjectNode c = head("page_location", cited, document);
        c.put("start_page_number", 1);
        c.put("end_page_number", 2);
        return c;
    }

    /** One or two consecutive blocks of a custom-content document; the end index is exclusive. */
    private static ObjectNode contentBlockLocation(Document document, JsonNode content, SplittableRandom rnd) {
        List<String> texts = texts(content);
        int[] range = blockRange(texts, rnd);
        if (range == null) {
            return null;
        }
        ObjectNode c = head("content_block_location", String.join("", texts.subList(range[0], range[1])), document);
        c.put("start_block_index", range[0]);
        c.put("end_block_index", range[1]);
        return c;
    }

    /** The text of each block of a content list (empty for non-text blocks), or the one string. */
    private static List<String> texts(JsonNode content) {
        List<String> texts = new ArrayList<>();
        if (content.isTextual()) {
            texts.add(content.asText());
        } else {
            content.forEach(b -> texts.add(b.path("type").asText().equals("text") ? b.path("text").asText() : ""));
        }
        return texts;
    }

    /** [start, end) of one or two consecutive blocks starting at a non-empty one; null when all are empty. */
    private static int[] blockRange(List<String> texts, SplittableRandom rnd) {
        if (texts.stream().allMatch(String::isEmpty)) {
            return null;
        }
        int start;
        do {
            start = rnd.nextInt(texts.size());
        } while (texts.get(start).isEmpty());
        return new int[] {start, Math.min(texts.size(), start + 1 + rnd.nextInt(2))};
    }

    private static ObjectNode head(String type, String cited, Document document) {
        ObjectNode c = Json.object().put("type", type).put("cited_text", cited).put("document_index", document.index());
        JsonNode title = document.block().get("title");
        c.put("document_title", title != null && title.isTextual() ? title.asText() : null);
        return c;
    }

    /** [start, end) char offsets of each sentence with its trailing punctuation, without surrounding blanks. */
    static List<int[]> sentenceSpans(String text) {
        List<int[]> spans = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= text.length(); i++) {
            boolean end = i == text.length() || text.charAt(i) == '\n'
                    || (".!?".indexOf(text.charAt(i)) >= 0 && (i + 1 == text.length() || Character.isWhitespace(text.charAt(i + 1))));
            if (end) {
                int to = i < text.length() && text.charAt(i) != '\n' ? i + 1 : i;
                int from = start;
                while (from < to && Character.isWhitespace(text.charAt(from))) {
                    from++;
                }
                if (from < to) {
                    spans.add(new int[] {from, to});
                }
                start = to;
            }
        }
        return spans;
    }
}
