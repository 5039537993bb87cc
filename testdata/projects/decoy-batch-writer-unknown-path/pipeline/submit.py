import time

from openai import OpenAI

from pipeline.results import print_replies

client = OpenAI()

batch_file = client.files.create(file=open("data/batch.jsonl", "rb"), purpose="batch")
batch = client.batches.create(
    input_file_id=batch_file.id,
    endpoint="/v1/chat/completions",
    completion_window="24h",
)
while batch.status not in ("completed", "failed", "expired", "cancelled"):
    time.sleep(1)
    batch = client.batches.retrieve(batch.id)
print_replies(client.files.content(batch.output_file_id).text)
