from openai import OpenAI

client = OpenAI()
print(client.responses.create(model="gpt-5.5", input=[{"role": "user", "content": "hi"}], store=False).output_text)
