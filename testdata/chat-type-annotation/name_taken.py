from openai import OpenAI
from openai.types.chat import ChatCompletion
from requests import Response

client = OpenAI()


def status(reply: Response) -> int:
    return reply.status_code


resp: ChatCompletion = client.chat.completions.create(model="gpt-4.1", messages=[{"role": "user", "content": "Hi"}])
print(resp.choices[0].message.content)
