from openai import OpenAI

client = OpenAI()


def answer(pending, result):
    items = [{"type": "function_call_output", "call_id": pending.id, "output": result}]
    return client.responses.create(model="gpt-4.1", input=items, store=True)
