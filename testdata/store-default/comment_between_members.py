# A comment between two arguments belongs to the argument after it: a new argument is
# written after the last one without repeating it.
from openai import OpenAI

client = OpenAI()

completion = client.chat.completions.create(
    model="gpt-5.5",
    # Choose a different model by uncommenting
    # model="gpt-5.5-mini",
    messages=[{"role": "user", "content": "Say hello"}],
)
print(completion.choices[0].message.content)
