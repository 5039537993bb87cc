from openai import OpenAI

from .settings import CHAT_PARAMS

client = OpenAI()


def summarize(text: str) -> str:
    completion = client.responses.create(
        **CHAT_PARAMS,
        input=[
            {"role": "system", "content": "Summarize in one sentence."},
            {"role": "user", "content": text},
        ],
        store=False,
    )
    return completion.output_text
