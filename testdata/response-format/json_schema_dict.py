import json

from openai import OpenAI

client = OpenAI()
schema = {
    "type": "json_schema",
    "json_schema": {
        "name": "city",
        "schema": {"type": "object", "properties": {"name": {"type": "string"}}, "required": ["name"], "additionalProperties": False},
        "strict": True,
    },
}
resp = client.chat.completions.create(model="gpt-5.5", messages=[{"role": "user", "content": "Capital of Chile?"}], response_format=schema)
print(json.loads(resp.choices[0].message.content)["name"])
