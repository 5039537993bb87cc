import os

from openai import AzureOpenAI


class Summariser:
    def __init__(self):
        self.client = AzureOpenAI(
            api_version="2024-02-01",
            azure_endpoint=os.environ["AZURE_OPENAI_ENDPOINT"],
        )

    def run(self, text):
        resp = self.client.chat.completions.create(model="gpt-4o-deployment", messages=[{"role": "user", "content": text}])
        return resp.choices[0].message.content
