from openai import OpenAI

client = OpenAI()

RULES = "Answer like a pirate."

first = client.responses.create(model="gpt-5.5", instructions=RULES, input="Hi!", store=True)
print(first.output_text)
second = client.responses.create(model="gpt-5.5", previous_response_id=first.id, input="And your ship?", store=True)
print(second.output_text)
