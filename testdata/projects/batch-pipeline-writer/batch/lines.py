import json
from pathlib import Path

HERE = Path(__file__).parent
QUESTIONS = ["What is 2+2?", "Capital of France?"]


def write_lines():
    with open(HERE / "input.jsonl", "w") as f:
        for i, question in enumerate(QUESTIONS):
            line = {
                "custom_id": f"q{i}",
                "method": "POST",
                "url": "/v1/chat/completions",
                "body": {
                    "model": "gpt-4o-mini",
                    "messages": [{"role": "user", "content": question}],
                    "max_tokens": 100,
                },
            }
            f.write(json.dumps(line) + "\n")
