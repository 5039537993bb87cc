"""A streamed tutor on a reasoning model, unstored: the conversation keeps the items it streams,
but keeps them as they start (`output_item.added`), not as they finish."""
from openai import OpenAI

client = OpenAI()

items = [{"role": "user", "content": "What is 12 times 12?"}]
for follow_up in ["Now divide that by 3.", None]:
    stream = client.responses.create(
        model="gpt-5-mini",
        input=items,
        stream=True,
        store=False,
        include=["reasoning.encrypted_content"],
    )
    for event in stream:
        if event.type == "response.output_item.added":
            items.append(event.item)
        if event.type == "response.output_text.delta":
            print(event.delta, end="")
    print()
    if follow_up:
        items.append({"role": "user", "content": follow_up})
