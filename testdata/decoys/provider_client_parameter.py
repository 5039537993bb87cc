# A helper that takes its client as a parameter, and every call here gives it a Groq client:
# its calls are Groq's, not OpenAI's.
from groq import Groq

groq_client = Groq()


def complete(client, prompt, model="llama-3.3-70b-versatile"):
    reply = client.chat.completions.create(model=model, messages=[{"role": "user", "content": prompt}])
    return reply.choices[0].message.content


def main():
    print(complete(groq_client, "Name a colour."))
    print(complete(client=Groq(), prompt="Name a shape."))
