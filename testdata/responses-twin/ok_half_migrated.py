# A half-migrated file is not a twin: nothing here is named for either API.
from openai import OpenAI

client = OpenAI()


def summarize(text):
    reply = client.chat.completions.create(
        model="gpt-4o-mini", messages=[{"role": "user", "content": text}]
    )
    return reply.choices[0].message.content


def translate(text):
    reply = client.responses.create(model="gpt-4o-mini", input=text)
    return reply.output_text
