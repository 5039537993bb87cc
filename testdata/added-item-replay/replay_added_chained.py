from openai import OpenAI

client = OpenAI()

items = [{"role": "user", "content": "Weather in Oslo?"}]
stream = client.responses.create(model="gpt-5-mini", input=items, stream=True, store=True)
for event in stream:
    if event.type == "response.output_item.added":
        items.append(event.item)
    elif event.type == "response.output_item.done":
        print("finished", event.item.type)
