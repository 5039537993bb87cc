"""One question, typed the Chat Completions way."""
from typing import Optional

from openai import OpenAI, Stream
from openai.types.chat import ChatCompletion, ChatCompletionChunk, ChatCompletionMessageParam

client = OpenAI()


def ask(question: str) -> ChatCompletion:
    return client.chat.completions.create(model="gpt-4.1", messages=[{"role": "user", "content": question}])


resp: Optional[ChatCompletion] = client.chat.completions.create(model="gpt-4.1", messages=[{"role": "user", "content": "Hi"}])
print(resp.choices[0].message.content)
print(ask("Hello").choices[0].message.content)
stream: Stream[ChatCompletionChunk] = client.chat.completions.create(model="gpt-4.1", messages=[{"role": "user", "content": "Hi"}], stream=True)
for chunk in stream:
    if chunk.choices and chunk.choices[0].delta.content:
        print(chunk.choices[0].delta.content, end="")
# Not sent anywhere: its type stays.
history: list[ChatCompletionMessageParam] = []
