"""An application's calls to Claude in Amazon Bedrock, pointed at the mock by ANTHROPIC_BEDROCK_MANTLE_BASE_URL.

SigV4 from the AWS credentials in the environment, a stream, then the mock's journal through its admin API
(the token from MANTLE_MOCK_ADMIN_TOKEN). Exits non-zero on the first thing that is not as expected.
"""
import json
import os
import urllib.request

from anthropic import AnthropicBedrockMantle

base_url = os.environ["ANTHROPIC_BEDROCK_MANTLE_BASE_URL"]
client = AnthropicBedrockMantle(
    base_url=base_url,
    aws_region=os.environ.get("AWS_REGION", "us-east-1"),
    aws_access_key=os.environ["AWS_ACCESS_KEY_ID"],
    aws_secret_key=os.environ["AWS_SECRET_ACCESS_KEY"],
    max_retries=0,
    timeout=20,
)
hello = dict(model="anthropic.claude-haiku-4-5", max_tokens=200,
             messages=[{"role": "user", "content": "Hello from the compose app"}])

message = client.messages.create(**hello)
assert message.type == "message" and message.content, message
print("SigV4 create:", message.stop_reason, message.usage.input_tokens, "input tokens")

with client.messages.stream(**hello) as stream:
    text = "".join(stream.text_stream)
assert text, "the stream carried no text"
print("stream:", len(text), "characters")

request = urllib.request.Request(os.environ["MANTLE_MOCK_ADMIN_URL"] + "/requests",
                                 headers={"Authorization": "Bearer " + os.environ["MANTLE_MOCK_ADMIN_TOKEN"]})
with urllib.request.urlopen(request, timeout=10) as answer:
    journal = json.load(answer)
assert journal["count"] >= 2, journal
print("journal:", journal["count"], "requests seen by the mock")
