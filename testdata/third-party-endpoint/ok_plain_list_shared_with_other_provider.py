# A plain message list sent to OpenAI and to Groq: the OpenAI call migrates (its list needs no
# change), and the Groq call keeps its list as it was.
from groq import Groq
from openai import OpenAI

openai_client = OpenAI()
groq_client = Groq()

question = [{"role": "user", "content": "Name a prime number."}]
first = openai_client.chat.completions.create(model="gpt-4o-mini", messages=question)
second = groq_client.chat.completions.create(model="llama-3.1-8b-instant", messages=question)
print(first.choices[0].message.content, second.choices[0].message.content)
