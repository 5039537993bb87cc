from openai import OpenAI

client = OpenAI()

first = client.responses.create(model="gpt-5.5", input="Suggest a name for a bakery.", store=False)
print(first.output_text)
second = client.responses.create(
    model="gpt-5.5",
    previous_response_id=first.id,
    input="Make it shorter.",
    store=False,
)
print(second.output_text)
