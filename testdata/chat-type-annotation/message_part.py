from openai import OpenAI
from openai.types.chat import ChatCompletionMessage

client = OpenAI()

resp = client.chat.completions.create(model="gpt-4.1", messages=[{"role": "user", "content": "Hi"}])
message: ChatCompletionMessage = resp.choices[0].message
print(message.content)
