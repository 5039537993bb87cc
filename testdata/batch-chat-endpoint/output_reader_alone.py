import json

with open("batch_output.jsonl") as f:
    for line in f:
        row = json.loads(line)
        print(row["custom_id"], row["response"]["body"]["choices"][0]["message"]["content"])
