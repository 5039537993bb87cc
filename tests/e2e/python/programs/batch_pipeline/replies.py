"""Reads a Batch output file: each line's custom id and the reply's text."""
import json


def replies(content):
    out = []
    for raw in content.splitlines():
        result = json.loads(raw)
        if result["response"]["status_code"] != 200:
            raise SystemExit("request %s failed" % result["custom_id"])
        reply = result["response"]["body"]["choices"][0]["message"]["content"]
        out.append((result["custom_id"], reply))
    return sorted(out)
