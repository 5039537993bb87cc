from openai import OpenAI
from openai.types.chat import ChatCompletion
from openai.types.responses import ResponseUsage

__all__ = ["ChatCompletion", "summarize"]

client = OpenAI()


def summarize(usage: ResponseUsage) -> str:
    return f"{usage.input_tokens} in"


resp: ChatCompletion = client.chat.completions.create(model="gpt-4.1", messages=[{"role": "user", "content": "Hi"}])
print(resp.choices[0].message.content)
