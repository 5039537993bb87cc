import json


def replies(content):
    for raw in content.splitlines():
        line = json.loads(raw)
        body = line["response"]["body"]
        yield line["custom_id"], body["choices"][0]["message"]["content"]
