# The api-version comes from the environment: judged by its fallback, and said so.
import os

from openai.lib.azure import AzureOpenAI

client = AzureOpenAI(
    api_version=os.getenv("AZURE_OPENAI_API_VERSION", "2024-06-01"),
    azure_endpoint="https://contoso.openai.azure.com",
)
reply = client.chat.completions.create(
    model="gpt-4o",
    messages=[{"role": "user", "content": "hi"}],
)
print(reply.choices[0].message.content)
