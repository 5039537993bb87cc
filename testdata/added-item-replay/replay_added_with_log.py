from openai import OpenAI

client = OpenAI()

items = [{"role": "user", "content": "Weather in Oslo?"}]
with client.responses.stream(model="gpt-5-mini", input=items, store=True) as stream:
    for event in stream:
        if event.type == 'response.output_item.added':
            print("item:", event.item.type)
            items.append(event.item)
