from openai import OpenAI

from app.settings import CHAT_PARAMS

client = OpenAI()


def translate(text: str, language: str) -> str:
    completion = client.chat.completions.create(
        messages=[{"role": "user", "content": f"Translate into {language}: {text}"}],
        **CHAT_PARAMS,
    )
    return completion.choices[0].message.content
