from openai import AsyncOpenAI


class OpenAIChatCompletionsModel:
    """Kept for servers that speak only Chat Completions."""

    def __init__(self, client: AsyncOpenAI, model: str):
        self._client = client
        self.model = model

    async def respond(self, messages):
        return await self._client.chat.completions.create(model=self.model, messages=messages)
