import json
from openai import OpenAI

client = OpenAI()
questions = ["What is 2+2?", "Capital of France?"]

with open("batch_input.jsonl", "w") as f:
    for i, q in enumerate(questions):
        line = {
            "custom_id": f"request-{i}",
            "method": "POST",
            "url": "/v1/chat/completions",
            "body": {
                "model": "gpt-4o-mini",
                "messages": [{"role": "user", "content": q}],
                "max_tokens": 100,
            },
        }
        f.write(json.dumps(line) + "\n")

batch_file = client.files.create(file=open("batch_input.jsonl", "rb"), purpose="batch")
batch = client.batches.create(
    input_file_id=batch_file.id,
    endpoint="/v1/chat/completions",
    completion_window="24h",
)

batch = client.batches.retrieve(batch.id)
if batch.status == "completed":
    content = client.files.content(batch.output_file_id).text
    for raw in content.splitlines():
        result = json.loads(raw)
        answer = result["response"]["body"]["choices"][0]["message"]["content"]
        print(result["custom_id"], answer)
