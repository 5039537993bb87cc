from openai import OpenAI

client = OpenAI()
resp = client.chat.completions.create(
    model="o4-mini",
    messages=[{"role": "user", "content": "Give a JSON object with one key."}],  # one turn
    response_format={"type": "json_object"},
    reasoning_effort="low"  # cheap
)
print(resp.choices[0].message.content)
