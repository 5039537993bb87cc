# A module, not a notebook: one request already moved to Responses and the other, with
# the same model and words, not yet. That is a half-done migration, not a comparison shown
# side by side, so the chat request migrates like any other.
from openai import OpenAI

client = OpenAI()

summary = client.responses.create(
    model="gpt-5",
    input=[{"role": "user", "content": "Summarize the plot of Hamlet."}],
    store=False,
)
print(summary.output_text)

again = client.chat.completions.create(
    model="gpt-5",
    messages=[{"role": "user", "content": "Summarize the plot of Hamlet."}],
)
print(again.choices[0].message.content)
