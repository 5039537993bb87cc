from pathlib import Path

from openai import OpenAI

from batch.lines import write_lines
from batch.replies import replies

client = OpenAI()

write_lines()
uploaded = client.files.create(
    file=(Path(__file__).parent / "input.jsonl").open("rb"),
    purpose="batch",
)
job = client.batches.create(
    input_file_id=uploaded.id,
    endpoint="/v1/chat/completions",
    completion_window="24h",
)
job = client.batches.retrieve(job.id)
if job.status == "completed":
    for custom_id, text in replies(client.files.content(job.output_file_id).text):
        print(custom_id, text)
