"""Reads a Batch output file: each line's custom id and the reply's text."""
import json


def replies(content):
    out = []
    for raw in content.splitlines():
        result = json.loads(raw)
        if result["response"]["status_code"] != 200:
            raise SystemExit("request %s failed" % result["custom_id"])
        reply = "".join(part["text"] for item in result["response"]["body"]["output"] if item["type"] == "message" for part in item["content"] if part["type"] == "output_text")
        out.append((result["custom_id"], reply))
    return sorted(out)
