# A branch that calls something named for Responses but does not leave the function: the
# chat request after it is no fallback, and migrates.
from openai import OpenAI

client = OpenAI()
seen_responses = []


def log_responses(note):
    seen_responses.append(note)


def answer(question, verbose):
    if verbose:
        log_responses(question)
    completion = client.chat.completions.create(
        model="gpt-5.5",
        messages=[{"role": "user", "content": question}],
    )
    return completion.choices[0].message.content
