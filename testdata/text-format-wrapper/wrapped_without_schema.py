from openai import OpenAI

client = OpenAI()

reply = client.responses.create(
    model="gpt-5.5",
    input="Extract the invoice total.",
    text={"format": {"type": "json_schema", "json_schema": {"name": "invoice"}}},
    store=False,
)
print(reply.output_text)
