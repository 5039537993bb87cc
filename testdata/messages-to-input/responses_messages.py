from openai import OpenAI

client = OpenAI()

reply = client.responses.create(
    model="gpt-5.5",
    messages=[{"role": "user", "content": "Name a prime."}],
    store=False,
)
print(reply.output_text)
