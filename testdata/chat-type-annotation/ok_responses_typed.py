from openai import OpenAI
from openai.types.responses import Response

client = OpenAI()

resp: Response = client.responses.create(model="gpt-4.1", input="Hi", store=False)
print(resp.output_text)
