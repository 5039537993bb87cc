"""Translate a few words concurrently with the async client."""
import asyncio

from openai import AsyncOpenAI

client = AsyncOpenAI()

WORDS = ["apple", "bread", "water"]


async def translate(word: str, language: str) -> str:
    response = await client.responses.create(
        model="gpt-4o-mini",
        input=[
            {"role": "system", "content": "Reply with the translation only."},
            {"role": "user", "content": f"Translate '{word}' to {language}"},
        ],
        temperature=0,
        store=False,
    )
    return response.output_text


async def main() -> None:
    results = await asyncio.gather(*(translate(w, "Spanish") for w in WORDS))
    for word, translated in zip(WORDS, results):
        print(f"{word} -> {translated}")


if __name__ == "__main__":
    asyncio.run(main())
