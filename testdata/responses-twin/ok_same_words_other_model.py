# The same words sent to another model through each API: a comparison of models, not of
# APIs, so the chat request is no twin and migrates.
from openai import OpenAI

client = OpenAI()

old = client.chat.completions.create(
    model="gpt-4o-mini",
    messages=[{"role": "user", "content": "Summarize the plot of Hamlet."}],
)
print(old.choices[0].message.content)

new = client.responses.create(model="gpt-5", input="Summarize the plot of Hamlet.")
print(new.output_text)
