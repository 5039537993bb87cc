# One helper called with a Groq client and with an OpenAI client: which server a call goes to
# depends on its caller, so the fix is only displayed.
from groq import Groq
from openai import OpenAI


def complete(client, prompt):
    reply = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": prompt}])
    return reply.choices[0].message.content


print(complete(Groq(), "Name a colour."))
print(complete(OpenAI(), "Name a shape."))
