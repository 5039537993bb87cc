from openai import OpenAI

from notes.settings import CHAT_PARAMS

client = OpenAI()


def title_for(text: str) -> str:
    completion = client.responses.create(
        input=[{"role": "user", "content": f"A title for: {text}"}],
        **CHAT_PARAMS,
        store=False,
    )
    return completion.output_text.strip()
