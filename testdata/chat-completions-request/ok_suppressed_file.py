# responsify: ignore-file[chat-completions-request, store-default] -- benchmark of the chat endpoint
from openai import OpenAI

client = OpenAI()
print(client.chat.completions.create(model="gpt-5.5", messages=[{"role": "user", "content": "x"}]).choices[0].message.content)
print(client.chat.completions.create(model="gpt-5.5", messages=[{"role": "user", "content": "y"}], max_tokens=20).choices[0].message.content)
