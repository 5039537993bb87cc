from openai import OpenAI

client = OpenAI()

items = [{"role": "user", "content": "Weather in Oslo?"}]
stream = client.responses.create(model="gpt-5-mini", input=items, stream=True, store=True)
for event in stream:
    if event.type == "response.output_item.added":
        print("started", event.item.type)
    if event.type == "response.output_item.done":
        items.append(event.item)
