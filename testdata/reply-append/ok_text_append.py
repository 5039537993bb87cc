from openai import OpenAI

client = OpenAI()
conversation = [{"role": "user", "content": "Hi"}]
turn = client.chat.completions.create(model="gpt-5.5", messages=conversation)
conversation.append({"role": "assistant", "content": turn.choices[0].message.content})
