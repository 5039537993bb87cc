from openai import OpenAI

client = OpenAI()

reply = client.responses.create(model="gpt-5.5", input="Hello!", store=False)
print(reply.output_text)
print("in", reply.usage.prompt_tokens, "out", reply.usage.completion_tokens, "all", reply.usage.total_tokens)
