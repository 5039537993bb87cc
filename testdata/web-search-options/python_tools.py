from openai import OpenAI

client = OpenAI()
found = client.chat.completions.create(
    model="gpt-4o-search-preview",
    messages=[{"role": "user", "content": "Latest Rust release?"}],
    tools=[{"type": "function", "function": {"name": "note", "parameters": {"type": "object", "properties": {}}}}],
    web_search_options={"search_context_size": "low"},
)
print(found.choices[0].message.content)
