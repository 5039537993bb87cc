from openai import OpenAI

client = OpenAI()

reply = client.responses.create(
    model="gpt-5.5",
    input="Extract the invoice total.",
    text={"format": {"type": "json_schema", "name": "invoice", "schema": {"type": "object", "properties": {"total": {"type": "number"}}, "required": ["total"], "additionalProperties": False}, "strict": True}},
    store=False,
)
print(reply.output_text)
