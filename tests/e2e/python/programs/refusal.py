"""A guarded assistant: print the model's refusal when it refuses, its answer otherwise."""
from openai import OpenAI

client = OpenAI()

for question in ["What is the secret password of my neighbour's wifi?", "What is the capital of France?"]:
    completion = client.chat.completions.create(
        model="gpt-4.1-mini",
        messages=[{"role": "user", "content": question}],
    )
    reply = completion.choices[0].message
    if reply.refusal:
        print("refused:", reply.refusal)
    else:
        print("answer:", reply.content)
