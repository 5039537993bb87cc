from openai import OpenAI

client = OpenAI()
resp = client.chat.completions.create(
    model="gpt-4.1",
    messages=[{"role": "user", "content": "What is on in Paris tonight?"}],
    web_search_options={
        "search_context_size": "low",
        "user_location": {"type": "approximate", "approximate": {"country": "FR"}},
    },
)
print(resp.choices[0].message.content)
