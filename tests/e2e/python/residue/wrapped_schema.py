"""Structured output whose format kept the Chat Completions wrapper."""
import json

from openai import OpenAI

client = OpenAI()

EVENT = {
    "type": "object",
    "properties": {"name": {"type": "string"}, "date": {"type": "string"}, "participants": {"type": "array", "items": {"type": "string"}}},
    "required": ["name", "date", "participants"],
    "additionalProperties": False,
}

resp = client.responses.create(
    model="gpt-4o-mini",
    input="Alice and Bob are going to a science fair on Friday. Extract the event.",
    text={"format": {"type": "json_schema", "json_schema": {"name": "event", "schema": EVENT, "strict": True}}},
    store=False,
)
event = json.loads(resp.output_text)
print(event["name"], "on", event["date"], "with", ", ".join(event["participants"]))
