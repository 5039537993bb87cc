from openai import OpenAI

client = OpenAI()
CHAT_ENDPOINT = "/v1/chat/completions"

upload = client.files.create(file=open("requests.jsonl", "rb"), purpose="batch")
batch = client.batches.create(
    input_file_id=upload.id,
    endpoint="/v1/chat/completions",
    completion_window="24h",
)
nightly = client.batches.create(
    input_file_id=upload.id,
    endpoint=CHAT_ENDPOINT,
    completion_window="24h",
)
print(batch.id, nightly.id)
