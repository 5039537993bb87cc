from openai import AsyncOpenAI


class OpenAIResponsesModel:
    """Talks to the Responses API."""

    def __init__(self, client: AsyncOpenAI, model: str):
        self._client = client
        self.model = model

    async def respond(self, items):
        return await self._client.responses.create(model=self.model, input=items)
