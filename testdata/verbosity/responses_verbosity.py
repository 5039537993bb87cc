from openai import OpenAI

client = OpenAI()

reply = client.responses.create(
    model="gpt-5.5",
    input="Explain DNS.",
    verbosity="low",
    text={"format": {"type": "text"}},
    store=False,
)
print(reply.output_text)
