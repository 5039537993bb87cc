from openai import OpenAI

client = OpenAI()

reply = client.responses.create(
    model="gpt-5.5",
    input="Give me a city as JSON.",
    response_format={
        "type": "json_schema",
        "json_schema": {
            "name": "city",
            "schema": {"type": "object", "properties": {"name": {"type": "string"}}, "required": ["name"]},
            "strict": True,
        },
    },
    store=False,
)
print(reply.output_text)
