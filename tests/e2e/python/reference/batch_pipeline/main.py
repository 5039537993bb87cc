"""A Batch pipeline over three modules: `lines` writes the input file, this module uploads
it and runs the batch, `replies` reads the batch's output."""
import time
from pathlib import Path

from openai import OpenAI

from lines import write_lines
from replies import replies

QUESTIONS = [
    "What is the capital of France?",
    "Translate 'apple' to Spanish.",
    "Write a haiku about autumn.",
]

client = OpenAI()

write_lines(QUESTIONS)
uploaded = client.files.create(
    file=open(Path(__file__).parent / "batch_input.jsonl", "rb"),
    purpose="batch",
)
batch = client.batches.create(
    input_file_id=uploaded.id,
    endpoint="/v1/responses",
    completion_window="24h",
)
print("batch created:", batch.status)
while batch.status in ("validating", "in_progress", "finalizing"):
    time.sleep(0.1)
    batch = client.batches.retrieve(batch.id)
if batch.status != "completed" or batch.output_file_id is None:
    raise SystemExit("batch %s: %s" % (batch.status, batch.errors))
print("requests:", batch.request_counts.completed, "of", batch.request_counts.total)
for custom_id, text in replies(client.files.content(batch.output_file_id).text):
    print(custom_id, "->", text)
