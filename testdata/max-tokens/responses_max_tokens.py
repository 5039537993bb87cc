from openai import OpenAI

client = OpenAI()

summary = client.responses.create(model="gpt-5.5", input="Summarise the meeting.", max_tokens=300, store=False)
capped = client.responses.create(model="gpt-5.5", input="Shorter.", max_completion_tokens=80, store=False)
print(summary.output_text, capped.output_text)
