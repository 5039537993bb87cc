from openai import OpenAI

client = OpenAI()

reply = client.responses.create(model="gpt-5.5", input="Hello!", store=False)
print(reply.usage.input_tokens, reply.usage.output_tokens, reply.usage.total_tokens)
