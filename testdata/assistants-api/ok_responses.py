from openai import OpenAI

client = OpenAI()
conversation = client.conversations.create()
print(client.responses.create(model="gpt-5.5", conversation=conversation.id, input="hi", store=True).output_text)
