from openai import OpenAI

client = OpenAI()


def title(text: str) -> str:
    completion = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": f"A title for: {text}"}],
    )
    return completion.choices[0].message.content
