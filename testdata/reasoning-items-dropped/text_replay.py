from openai import OpenAI

client = OpenAI()

history = [{"role": "user", "content": "Pick a number between 1 and 10."}]
for question in ["Double it.", "Now halve it."]:
    reply = client.responses.create(model="o4-mini", input=history, store=True)
    history.append({"role": "assistant", "content": reply.output_text})
    history.append({"role": "user", "content": question})
print(history[-2]["content"])
