from openai import OpenAI

client = OpenAI()
resp = client.chat.completions.create(
    model="gpt-4o",  # the model
    messages=[{"role": "user", "content": "Hi"}],  # one turn
    n=1  # one answer
)
print(resp.choices[0].message.content)
resp = client.chat.completions.create(
    model="gpt-4o",  # the model
    messages=[{"role": "user", "content": "Hi"}],  # one turn
    n=1,  # one answer
    temperature=0,  # steady
)
print(resp.choices[0].message.content)
