from openai import OpenAI

client = OpenAI()

first = client.responses.create(model="gpt-5.5", input="Hello!", store=True)
second = client.responses.create(model="gpt-5.5", input="Again.", previous_response_id=first.id)
print(second.output_text)
