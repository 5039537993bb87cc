from openai import OpenAI

client = OpenAI()


def answer(question):
    resp = client.chat.completions.create(model="gpt-5.5", messages=[{"role": "user", "content": question}])
    choice = resp.choices[0]
    text = choice.message.content
    return text.strip()


reply = client.chat.completions.create(model="gpt-5.5", messages=[{"role": "user", "content": "Hi"}]).choices[0].message.content
print(answer("What is 2+2?"), reply)
