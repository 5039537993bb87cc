from openai import OpenAI

client = OpenAI(base_url="https://contoso.openai.azure.com/openai/v1/", api_key="key")
resp = client.chat.completions.create(model="my-deployment", messages=[{"role": "user", "content": "hi"}])
print(resp.choices[0].message.content)
