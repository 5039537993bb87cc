from openai import OpenAI

client = OpenAI()
history = [
    {'role': 'system', 'content': 'You are terse.'},
]
history.append({'role': 'user', 'content': 'Name a prime.'})
answer = client.chat.completions.create(model='gpt-5.5', messages=history)
print(answer.choices[0].message.content)
