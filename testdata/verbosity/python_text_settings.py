from openai import OpenAI

client = OpenAI()
out = client.chat.completions.create(
    model="gpt-5.5",
    messages=[{"role": "user", "content": "Give a JSON list of three colours"}],
    response_format={"type": "json_object"},
    verbosity="low",
    reasoning_effort="minimal",
    logprobs=True,
    top_logprobs=2,
)
print(out.choices[0].message.content)
