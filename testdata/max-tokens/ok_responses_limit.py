from openai import OpenAI

client = OpenAI()

summary = client.responses.create(model="gpt-5.5", input="Summarise.", max_output_tokens=300, store=False)
print(summary.output_text)
