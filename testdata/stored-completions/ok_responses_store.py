from openai import OpenAI

client = OpenAI()


def housekeeping(response_id: str) -> None:
    stored = client.responses.retrieve(response_id)
    print(stored.output_text)
    items = client.responses.input_items.list(response_id)
    print(len(items.data))
    client.responses.delete(response_id)
