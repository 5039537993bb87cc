from openai import OpenAI

client = OpenAI()

verdict = client.responses.create(model="gpt-5.5", input="Yes or no: is 7 prime?", max_output_tokens=5, store=False)
print(verdict.output_text)
