import json


def print_replies(content):
    for raw in content.splitlines():
        result = json.loads(raw)
        reply = result["response"]["body"]["choices"][0]["message"]["content"]
        print(result["custom_id"], reply)
