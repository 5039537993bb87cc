from openai import OpenAI

client = OpenAI()
conversation = [{"role": "system", "content": "You are a quiz master."}]
for question in ["First question?", "Second question?"]:
    conversation.append({"role": "user", "content": question})
    turn = client.chat.completions.create(model="gpt-5.5", messages=conversation)
    conversation.append(turn.choices[0].message)
    print(turn.choices[0].message.content)
