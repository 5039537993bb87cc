from openai import OpenAI

client = OpenAI()

# The same input file, sent again every night by another job.
upload = client.files.create(file=open("data/batch.jsonl", "rb"), purpose="batch")
job = client.batches.create(
    input_file_id=upload.id,
    endpoint="/v1/chat/completions",
    completion_window="24h",
)
print(job.id)
