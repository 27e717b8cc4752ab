package dev.mantlemock.server;

import dev.mantlemock.admin.MockControls;
import dev.mantlemock.answer.AnswerConformance;
import dev.mantlemock.answer.StopReasonHeader;
import dev.mantlemock.api.RequestParser;
import dev.mantlemock.auth.AuthStage;
import dev.mantlemock.auth.PermissionStage;
import dev.mantlemock.api.validation.RequestValidator;
import dev.mantlemock.config.MockConfig;
import dev.mantlemock.faults.FaultInjection;
import dev.mantlemock.latency.LatencyModel;
import dev.mantlemock.latency.LatencyTable;
import dev.mantlemock.pipeline.ExchangeObserver;
import dev.mantlemock.pipeline.RequestPipeline;
import dev.mantlemock.pipeline.Stage;
import dev.mantlemock.policy.FeaturePolicy;
import dev.mantlemock.policy.FeatureTable;
import dev.mantlemock.policy.ModelCatalogue;
import dev.mantlemock.policy.ModelCatalogueStage;
import dev.mantlemock.policy.ModelRules;
import dev.mantlemock.quota.QuotaAdmission;
import dev.mantlemock.thinking.AnswerSigning;
import dev.mantlemock.thinking.BlockSigner;
import dev.mantlemock.thinking.ThinkingBinding;
import dev.mantlemock.thinking.ThinkingChecks;
import dev.mantlemock.tokens.TokenEstimator;
import dev.mantlemock.wire.AnswerEncoder;
import dev.mantlemock.wire.StreamWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * The request's path through the mock, in order. This is the one place to read to know what happens
 * to a request: each line is a stage in a package named for its concern. Each stage declares what it
 * reads and provides ({@code Stage.needs()}); {@code RequestPipeline} checks this order when assembled.
 *
 * <pre>
 * receive (request id, bounded body)          server.HttpEntry
 *   -> authenticate: SigV4 or bearer key        auth.AuthStage
 *   -> record mode: relay the upstream's answer, write a fixture   recording.RecordingStage
 *      compare mode: relay the upstream's, run this path for the mock's, log drift   drift.CompareStage
 *      (either ends the path here: the stages below run only for the mock's own answer)
 *   -> parse: version, betas, JSON            api.RequestParser
 *   -> validate per API version               api.validation.RequestValidator
 *   -> thinking blocks: signatures, order     thinking.ThinkingChecks
 *   -> feature policy (what Mantle refuses)   policy.FeaturePolicy
 *   -> model catalogue and output limit       policy.ModelCatalogueStage
 *   -> model permission (IAM action on model) auth.PermissionStage
 *   -> the model's own rules (models.yaml)    policy.ModelRules
 *   -> thinking bound to its conversation     thinking.ThinkingBinding
 *   -> context editing (context_management)   tokens.ContextEditing
 *   -> input tokens, prompt cache, context    tokens.TokenCounting
 *   -> quota admission (429 before any work)  quota.QuotaAdmission
 *      (queue mode: waits for room without a thread, resumed here by the pipeline)
 *   -> faults: x-mock-fault header, rules     faults.FaultInjection
 *   -> answer: fixture match, else generator  answer.AnswerSelection
 *      (or per record.on-miss: a 404 naming the nearest recordings, or the upstream, recorded)
 *   -> the answer obeys the request: thinking, answer.AnswerConformance
 *      tool_choice, tool input, stop, usage (adapted, or a mock error naming the fixture)
 *   -> latency model (when on): pace from the  latency.LatencyModel
 *      prompt's size and the model's load
 *   -> x-mock-stop-reason header              answer.StopReasonHeader
 *   -> sign the answer's thinking blocks      thinking.AnswerSigning
 *   -> open-stream gauge                      admin.MetricsRegistry
 *   -> encode: JSON or paced SSE              wire.AnswerEncoder
 *      (output tokens metered by quota.QuotaSettlement, unused reservation refunded on completion)
 *   -> observers: journal, metrics            admin.RequestJournal, admin.MetricsRegistry
 * </pre>
 */
final class RequestPath {
    private RequestPath() {}

    static RequestPipeline assemble(MockConfig config, Components c, MockControls controls, StreamWriter streams,
                                    RequestPipeline.Later later) {
        FeatureTable features = FeatureTable.builtIn();
        List<Stage> stages = new ArrayList<>();
        stages.add(AuthStage.from(config.auth.withRegion(config.region)));
        stages.add(new RequestParser());
        stages.add(new RequestValidator(config.validation, features.blockTypes()));
        BlockSigner signer = BlockSigner.of(config.thinking); // one key per mock instance unless configured
        stages.add(new ThinkingChecks(signer, config.thinking));
        stages.add(new FeaturePolicy(features, config.profile, config.validation.betaMode()));
        stages.add(new ModelCatalogueStage(c.catalogue()));
        stages.add(new PermissionStage(config.region));
        stages.add(new ModelRules(config.validation.allowPrefill, config.validation.samplingAccepted()));
        stages.add(new ThinkingBinding(signer, config.thinking));
        stages.add(c.contextEditing());
        stages.add(c.tokenCounting());
        stages.add(new QuotaAdmission(controls.quotas()));
        stages.add(new FaultInjection(controls.faults(), config.streaming.timing(), Boolean.TRUE.equals(config.streaming.latencyModelOn())));
        stages.add(c.answerSelection());
        stages.add(new AnswerConformance(new TokenEstimator()));
        stages.add(new LatencyModel(LatencyTable.from(config.streaming.latencyTable == null ? null : java.nio.file.Path.of(config.streaming.latencyTable))));
        stages.add(new StopReasonHeader());
        stages.add(new AnswerSigning(signer));
        stages.add(controls.metrics().openStreams());

        AnswerEncoder encoder = new AnswerEncoder(streams);
        List<ExchangeObserver> observers = new ArrayList<>();
        observers.add(controls.journal());
        observers.add(controls.metrics());
        if (c.recording() != null) {
            stages.add(1, c.recording());
        }
        if (c.compare() != null) {
            // The mock's own answer takes the whole path, the auth again included; only the relayed exchange is journalled.
            stages.add(1, c.compare().apply(new RequestPipeline(stages, encoder, List.of(), later)));
        }
        return new RequestPipeline(stages, encoder, observers, later, config.responses.sendsErrorDetails());
    }

    /**
     * The long-lived parts the stages share (catalogue, caches, fixtures), built once at start.
     *
     * @param recording record mode's stage, or null
     * @param compare   compare mode's stage, given the mock's own request path, or null
     */
    record Components(ModelCatalogue catalogue, Stage contextEditing, Stage tokenCounting, Stage answerSelection,
            Stage recording, java.util.function.Function<RequestPipeline, Stage> compare) {}
}
