import openai

openai.api_key = "sk-test"
resp = openai.ChatCompletion.create(model="gpt-3.5-turbo", messages=[{"role": "user", "content": "Hello"}])
print(resp["choices"][0]["message"]["content"])
