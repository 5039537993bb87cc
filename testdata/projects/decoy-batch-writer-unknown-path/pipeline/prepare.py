import json
import os

QUESTIONS = ["What is 2+2?", "Capital of France?"]

with open(os.environ["BATCH_INPUT"], "w") as f:
    for i, question in enumerate(QUESTIONS):
        line = {
            "custom_id": f"q{i}",
            "method": "POST",
            "url": "/v1/chat/completions",
            "body": {"model": "gpt-4o-mini", "messages": [{"role": "user", "content": question}]},
        }
        f.write(json.dumps(line) + "\n")
