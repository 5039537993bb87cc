from openai import OpenAI

client = OpenAI()

answer = client.chat.completions.create(
    model="gpt-4o-mini-search-preview",
    web_search_options={},
    messages=[{"role": "user", "content": "What happened in the news today?"}],
)
print(answer.choices[0].message.content)
