from openai import OpenAI
from openai.types.chat import ChatCompletion

client = OpenAI()

resp: ChatCompletion = client.responses.create(model="gpt-4.1", input="Hi", store=False)
print(resp.output_text)
