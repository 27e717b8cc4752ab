// The official TypeScript SDK against the mock: SigV4 and bearer keys, a stream with tools, count_tokens,
// and the errors a user meets. Run the mock first (README, "Two commands"), then: npm ci && npm run smoke (npm ci installs the versions the lock file pins)
import { AnthropicBedrockMantle } from '@anthropic-ai/bedrock-sdk';
import assert from 'node:assert/strict';

const baseURL = process.env.ANTHROPIC_BEDROCK_MANTLE_BASE_URL ?? 'http://127.0.0.1:8080/anthropic';
delete process.env.AWS_BEARER_TOKEN_BEDROCK; // it would win over the SigV4 credentials below

// A mock answers in milliseconds: one that accepts and never answers fails this check in 20 s, with its
// address, instead of after the SDK's 10-minute default.
const TIMEOUT_MS = 20_000;
const patience = { timeout: TIMEOUT_MS, maxRetries: 0 };
process.on('uncaughtException', (e) => {
  if (e?.name === 'APIConnectionTimeoutError' || e?.constructor?.name === 'APIConnectionTimeoutError') {
    console.error(`No answer from the mock at ${baseURL}: a request did not answer within ${TIMEOUT_MS / 1000} s.`);
  } else {
    console.error(e);
  }
  process.exit(1);
});

const sigv4 = new AnthropicBedrockMantle({
  ...patience, baseURL, awsRegion: 'us-east-1',
  awsAccessKey: 'AKIDEXAMPLE', awsSecretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
});
const hello = { model: 'anthropic.claude-opus-4-7', max_tokens: 200, messages: [{ role: 'user', content: 'Hello from TypeScript' }] };

const message = await sigv4.messages.create(hello);
assert.equal(message.type, 'message');
assert.ok(message.id.startsWith('msg_'));
console.log('SigV4 create:', message.stop_reason, message.usage.input_tokens, 'input tokens');

const counted = await sigv4.messages.countTokens({ model: hello.model, messages: hello.messages });
assert.equal(counted.input_tokens, message.usage.input_tokens);
console.log('count_tokens agrees with usage:', counted.input_tokens);

const stream = sigv4.messages.stream({
  ...hello, max_tokens: 2000, thinking: { type: 'adaptive' }, // Opus 4.7 refuses 'enabled', as Bedrock does
  tools: [{ name: 'lookup', input_schema: { type: 'object', properties: { q: { type: 'string' } }, required: ['q'] } }],
});
const streamed = await stream.finalMessage();
assert.equal(streamed.content[0].type, 'thinking');
const call = streamed.content.find(b => b.type === 'tool_use');
assert.equal(typeof call.input.q, 'string');
console.log('stream with thinking and a tool call:', streamed.stop_reason);

// Issue 23's request: a forced call of the user's own tool, its input in the user's enum, no text before it.
const getWeather = {
  name: 'get_weather', description: 'Current weather for a city',
  input_schema: { type: 'object', properties: { city: { type: 'string' }, unit: { type: 'string', enum: ['c', 'f'] } }, required: ['city', 'unit'] },
};
const forced = await sigv4.messages.create({
  model: 'anthropic.claude-haiku-4-5', max_tokens: 300, tools: [getWeather],
  tool_choice: { type: 'tool', name: 'get_weather' }, messages: [{ role: 'user', content: 'What is the weather in Paris?' }],
});
assert.equal(forced.content[0].type, 'tool_use');
assert.equal(forced.content[0].name, 'get_weather');
assert.ok(['c', 'f'].includes(forced.content[0].input.unit));
console.log('forced get_weather call:', JSON.stringify(forced.content[0].input));

// A thinking tool loop, three turns, every answer sent back as agent loops do: no 400 from the mock's own answers.
// The second loop names the shipped weather-agent scenario, whose scripted answers get their thinking blocks added.
for (const scenario of [undefined, 'weather-agent']) {
  const tool = scenario ? { ...getWeather, input_schema: { type: 'object', properties: { city: { type: 'string' },
    unit: { type: 'string', enum: ['celsius', 'fahrenheit'] } }, required: ['city'] } } : getWeather;
  const messages = [{ role: 'user', content: 'What is the weather in Paris?' }];
  for (let turn = 1; turn <= 3; turn++) {
    const answer = await sigv4.messages.create({
      model: 'anthropic.claude-haiku-4-5', max_tokens: 2048, thinking: { type: 'enabled', budget_tokens: 1024 }, tools: [tool], messages,
    }, scenario ? { headers: { 'x-mock-scenario': scenario } } : undefined);
    assert.equal(answer.content[0].type, 'thinking');
    messages.push({ role: 'assistant', content: answer.content });
    const calls = answer.content.filter(b => b.type === 'tool_use');
    messages.push({ role: 'user', content: calls.length
      ? calls.map(c => ({ type: 'tool_result', tool_use_id: c.id, content: '18 C and sunny' }))
      : 'And tomorrow?' });
  }
  console.log(`thinking tool loop${scenario ? ' (scenario ' + scenario + ')' : ''}: three turns`);
}

// Session credentials as STS hands them out: the mock does not know the token, but lenient mode accepts it
// on a known key once the signature verifies and the token is signed.
const session = new AnthropicBedrockMantle({
  ...patience, baseURL, awsRegion: 'us-east-1',
  awsAccessKey: 'AKIDEXAMPLE', awsSecretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
  awsSessionToken: 'IQoJb3JpZ2luX2VjEXAMPLE/session+token==',
});
console.log('SigV4 with a session token:', (await session.messages.create(hello)).stop_reason);

const bearer = new AnthropicBedrockMantle({ ...patience, baseURL, apiKey: 'any-key-in-lenient-mode' });
console.log('bearer key create:', (await bearer.messages.create(hello)).stop_reason);

const wrong = new AnthropicBedrockMantle({
  ...patience, baseURL, awsRegion: 'us-east-1', awsAccessKey: 'AKIDEXAMPLE', awsSecretAccessKey: 'not-the-secret', maxRetries: 0,
});
await assert.rejects(wrong.messages.create(hello), e => e.status === 401 && e.error?.error?.type === 'authentication_error');
await assert.rejects(
  bearer.messages.create({ ...hello, tools: [{ type: 'web_search_20250305', name: 'web_search' }] }),
  e => e.status === 400 && /not supported on Claude in Amazon Bedrock/.test(e.message));
console.log('wrong secret: 401; web search tool: 400. All checks passed.');
