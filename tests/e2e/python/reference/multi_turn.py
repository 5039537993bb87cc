"""A tutoring chat: the history grows with each answer and the next question builds on it."""
from openai import OpenAI

client = OpenAI()

messages = [{"role": "system", "content": "You are a helpful math tutor."}]
questions = ["What is 12 times 12?", "Now divide that by 3.", "Then add 2."]

for question in questions:
    messages.append({"role": "user", "content": question})
    response = client.responses.create(model="gpt-4o-mini", input=messages, store=False)
    reply = response.output_text
    messages.append({"role": "assistant", "content": reply})
    print(f"> {question}")
    print(reply)
    print(f"  (prompt tokens so far: {response.usage.input_tokens})")

print(f"{len(messages)} messages in the history")
