from openai import OpenAI

client = OpenAI()

reply = client.responses.create(
    model="gpt-5.5",
    input="Write a limerick.",
    frequency_penalty=0.5,
    presence_penalty=0,
    store=False,
)
print(reply.output_text)
