from openai import OpenAI

from notes.settings import CHAT_PARAMS

client = OpenAI()


def title_for(text: str) -> str:
    completion = client.chat.completions.create(
        messages=[{"role": "user", "content": f"A title for: {text}"}],
        **CHAT_PARAMS,
    )
    return completion.choices[0].message.content.strip()
