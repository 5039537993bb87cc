from openai import OpenAI

client = OpenAI()

upload = client.files.create(file=open("requests.jsonl", "rb"), purpose="batch")
batch = client.batches.create(
    input_file_id=upload.id,
    endpoint="/v1/responses",
    completion_window="24h",
)
embeddings = client.batches.create(
    input_file_id=upload.id,
    endpoint="/v1/embeddings",
    completion_window="24h",
)
print(batch.id, embeddings.id)
