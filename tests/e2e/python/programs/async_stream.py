"""Stream with the async client, collecting the pieces as they arrive."""
import asyncio

from openai import AsyncOpenAI


async def main():
    client = AsyncOpenAI()
    stream = await client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": "Count from one to five in words."}],
        stream=True,
    )
    parts = []
    async for chunk in stream:
        if chunk.choices and chunk.choices[0].delta.content:
            parts.append(chunk.choices[0].delta.content)
            print(chunk.choices[0].delta.content, end="", flush=True)
    print()
    print(f"received {len(''.join(parts))} characters")


asyncio.run(main())
