import json


def answers(content):
    out = []
    for raw in content.splitlines():
        result = json.loads(raw)
        message = result["response"]["body"]["choices"][0]["message"]
        out.append((result["custom_id"], message["content"]))
    return out
