from openai import OpenAI

client = OpenAI()
client.chat.completions.create(model="gpt-5.5", messages=[{"role": "user", "content": "fire and forget"}])
