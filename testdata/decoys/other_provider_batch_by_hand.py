# A Batch job created by hand on another provider's Batch API: the endpoint path it names
# is that provider's, and the job is none of responsify's business.
import os

import requests

HEADERS = {"Authorization": f"Bearer {os.environ['GROQ_API_KEY']}"}

with open("requests.jsonl", "rb") as lines:
    upload = requests.post(
        "https://api.groq.com/openai/v1/files",
        headers=HEADERS,
        files={"file": ("requests.jsonl", lines)},
        data={"purpose": "batch"},
    )
job = requests.post(
    "https://api.groq.com/openai/v1/batches",
    headers=HEADERS,
    json={"input_file_id": upload.json()["id"], "endpoint": "/v1/chat/completions", "completion_window": "24h"},
)
print(job.json()["status"])
