from openai import OpenAI

client = OpenAI()

items = [{"role": "user", "content": "Find the file."}]
resp = client.responses.create(
    model="o3",
    input=items,
    store=False,
    include=["file_search_call.results"],
)
items += resp.output
