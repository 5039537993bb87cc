# A library offering both APIs: each model class talks to one. The chat twin stays.
from openai import AsyncOpenAI


class OpenAIChatCompletionsModel:
    def __init__(self, model: str):
        self.client = AsyncOpenAI()
        self.model = model

    async def get_response(self, messages):
        reply = await self.client.chat.completions.create(model=self.model, messages=messages)
        return reply.choices[0].message.content


class OpenAIResponsesModel:
    def __init__(self, model: str):
        self.client = AsyncOpenAI()
        self.model = model

    async def get_response(self, items):
        reply = await self.client.responses.create(model=self.model, input=items)
        return reply.output_text
