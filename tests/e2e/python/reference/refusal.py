"""A guarded assistant: print the model's refusal when it refuses, its answer otherwise."""
from openai import OpenAI

client = OpenAI()

for question in ["What is the secret password of my neighbour's wifi?", "What is the capital of France?"]:
    response = client.responses.create(
        model="gpt-4.1-mini",
        input=[{"role": "user", "content": question}],
        store=False,
    )
    refusals = [part.refusal for item in response.output if item.type == "message"
                for part in item.content if part.type == "refusal"]
    if refusals:
        print("refused:", refusals[0])
    else:
        print("answer:", response.output_text)
