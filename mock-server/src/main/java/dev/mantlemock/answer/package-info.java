/**
 * What the mock "model" says and how many tokens it costs.
 *
 * <ul>
 *   <li>{@link dev.mantlemock.tokens.TokenEstimator}: input and text token estimates; the same number for a
 *       count_tokens body and the matching Messages body.</li>
 *   <li>{@link dev.mantlemock.tokens.PromptCache}: splits a Messages request's input into uncached, cache
 *       writes (5m/1h) and cache reads per account and model. Not for count_tokens.</li>
 *   <li>{@link dev.mantlemock.answer.AnswerGenerator}: the deterministic answer (content blocks, stop reason,
 *       output tokens).</li>
 *   <li>{@link dev.mantlemock.answer.SchemaSampler}: JSON values for a JSON schema (tool inputs, structured outputs).</li>
 *   <li>{@link dev.mantlemock.tokens.TokenFacts}: every constant the arithmetic rests on.</li>
 * </ul>
 *
 * All are thread-safe; the estimator, sampler and generator are stateless.
 */
package dev.mantlemock.answer;

import dev.mantlemock.tokens.TokenFacts;
import dev.mantlemock.tokens.PromptCache;
import dev.mantlemock.tokens.TokenEstimator;
