from openai import OpenAI

client = OpenAI()

history = [{"role": "user", "content": "Pick a number between 1 and 10."}]
reply = client.responses.create(model="o4-mini", input=history, store=False)
history.append({"role": "assistant", "content": reply.output_text})
