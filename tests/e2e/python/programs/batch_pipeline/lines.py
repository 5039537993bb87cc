"""Writes the Batch input file, one request per question."""
import json
from pathlib import Path


def write_lines(questions):
    with open(Path(__file__).parent / "batch_input.jsonl", "w") as f:
        for i, question in enumerate(questions):
            line = {
                "custom_id": "question-%d" % i,
                "method": "POST",
                "url": "/v1/chat/completions",
                "body": {
                    "model": "gpt-4o-mini",
                    "messages": [
                        {"role": "system", "content": "Answer briefly."},
                        {"role": "user", "content": question},
                    ],
                    "max_tokens": 200,
                },
            }
            f.write(json.dumps(line) + "\n")
