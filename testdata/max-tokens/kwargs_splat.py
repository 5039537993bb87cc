from openai import OpenAI

client = OpenAI()


def build(prompt, limit=None):
    params = {"model": "gpt-5-mini", "messages": [{"role": "user", "content": prompt}]}
    if limit:
        params["max_tokens"] = limit
    return params


out = client.chat.completions.create(**build("Tell me a riddle", 80))
print(out.choices[0].message.content)
