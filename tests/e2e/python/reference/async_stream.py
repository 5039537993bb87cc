"""Stream with the async client, collecting the pieces as they arrive."""
import asyncio

from openai import AsyncOpenAI


async def main():
    client = AsyncOpenAI()
    stream = await client.responses.create(
        model="gpt-4o-mini",
        input=[{"role": "user", "content": "Count from one to five in words."}],
        stream=True,
        store=False,
    )
    parts = []
    async for event in stream:
        if event.type == "response.output_text.delta" and event.delta:
            parts.append(event.delta)
            print(event.delta, end="", flush=True)
    print()
    print(f"received {len(''.join(parts))} characters")


asyncio.run(main())
