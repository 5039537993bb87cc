from openai import OpenAI

from .settings import CHAT_PARAMS

client = OpenAI()


def summarize(text: str) -> str:
    completion = client.chat.completions.create(
        **CHAT_PARAMS,
        messages=[
            {"role": "system", "content": "Summarize in one sentence."},
            {"role": "user", "content": text},
        ],
    )
    return completion.choices[0].message.content
