from llama_index.llms.openai import OpenAI

llm = OpenAI(model="gpt-4o")
client = OpenAI(model="gpt-4o-mini")
print(client.chat.completions.create(messages=[{"role": "user", "content": "look-alike"}]))
