from openai import OpenAI

client = OpenAI()
# responsify: ignore[n-parameter] -- we keep several choices on chat for now
many = client.chat.completions.create(model="gpt-5.5", messages=[{"role": "user", "content": "Names"}], n=3)
resp = client.responses.create(model="gpt-5.5", input="hi", store=False)  # responsify: ignore[store-default]
print(many.choices[0].message.content, resp.output_text)
