package dev.mantlemock.recording;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.mantlemock.domain.ConfigException;
import java.util.ArrayList;
import java.util.List;

/** Record and replay (config section {@code record}; docs/record-replay-compare.md). */
public final class RecordSettings {
    /** The upstream to record from, e.g. {@code https://bedrock-mantle.us-east-1.api.aws/anthropic}; null: no recording. */
    public String from;

    /** The upstream's SigV4 region; read from a {@code bedrock-mantle.{region}.api.aws} URL when not given. */
    public String region;

    /** Where recordings are written, one file per request. */
    public String dir = "recordings";

    /** What answers a request no fixture matches: {@code generate} (default), {@code fail} (404) or {@code record}. */
    @JsonProperty("on-miss")
    public String onMiss = "generate";

    /**
     * Body fields a recording does not have to match, as JSON pointers. {@code /stream} by default, so a
     * recording answers the JSON and the streamed form of its request alike.
     */
    public List<String> ignore = new ArrayList<>(List.of("/stream"));

    /** {@code recorded} (default): a recording streams at the pace it was captured at; {@code preset}: at {@code streaming}'s. */
    @JsonProperty("replay-timing")
    public String replayTiming = "recorded";

    public void check() {
        if (!List.of("generate", "fail", "record").contains(onMiss)) {
            throw new ConfigException("record.on-miss (--on-miss) must be 'generate', 'fail' or 'record', not '" + onMiss + "'");
        }
        if (onMiss.equals("record") && from == null) {
            throw new ConfigException("record.on-miss 'record' needs an upstream to record from: --record-from URL");
        }
        if (!replayTiming.equals("recorded") && !replayTiming.equals("preset")) {
            throw new ConfigException("record.replay-timing must be 'recorded' or 'preset', not '" + replayTiming + "'");
        }
        for (String pointer : ignore) {
            if (!pointer.startsWith("/")) {
                throw new ConfigException("record.ignore: '" + pointer + "' is not a JSON pointer (e.g. /metadata)");
            }
        }
    }

    /** Whether every request goes upstream (recording), rather than only those no fixture answers. */
    public boolean recordsEverything() {
        return from != null && !onMiss.equals("record");
    }
}
