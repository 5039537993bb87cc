from openai import OpenAI

client = OpenAI()


def ask(prompt):
    resp = client.chat.completions.create(model="gpt-5.5", messages=[{"role": "user", "content": prompt}])
    return resp.choices[0].message.content
