from openai import OpenAI

client = OpenAI()
resp = client.chat.completions.create(model="gpt-5.5", messages=[{"role": "user", "content": "Count to 3"}])
usage = resp.usage
print(usage.prompt_tokens, usage.completion_tokens, usage.total_tokens)
print(resp.usage.completion_tokens_details.reasoning_tokens)
