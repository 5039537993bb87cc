import json

from openai import OpenAI

from read_output import answers

client = OpenAI()
QUESTIONS = ["What is 2+2?", "Capital of France?"]

with open("requests.jsonl", "w") as f:
    for i, question in enumerate(QUESTIONS):
        f.write(json.dumps({
            "custom_id": f"request-{i}",
            "method": "POST",
            "url": "/v1/chat/completions",
            "body": {"model": "gpt-4o-mini", "messages": [{"role": "user", "content": question}]},
        }) + "\n")

upload = client.files.create(file=open("requests.jsonl", "rb"), purpose="batch")
batch = client.batches.create(
    input_file_id=upload.id,
    endpoint="/v1/chat/completions",
    completion_window="24h",
)
batch = client.batches.retrieve(batch.id)
for custom_id, answer in answers(client.files.content(batch.output_file_id).text):
    print(custom_id, answer)
