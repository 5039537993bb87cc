"""Writes Batch lines and creates the batch; the output is read by another script."""
import json

from openai import OpenAI

client = OpenAI()
prompts = ["Summarize: ...", "Translate: ..."]

lines = [
    {
        "custom_id": str(i),
        "method": "POST",
        "url": "/v1/chat/completions",
        "body": {"model": "gpt-4o-mini", "messages": [{"role": "user", "content": p}]},
    }
    for i, p in enumerate(prompts)
]
with open("input.jsonl", "w") as f:
    f.write("\n".join(json.dumps(line) for line in lines))

uploaded = client.files.create(file=open("input.jsonl", "rb"), purpose="batch")
client.batches.create(input_file_id=uploaded.id, endpoint="/v1/chat/completions", completion_window="24h")
