# A function that turns to the Responses API when the model supports it and returns, and
# falls back to Chat Completions otherwise: the chat request is the fallback, kept on purpose.
from openai import OpenAI

client = OpenAI()


def _stream_responses(messages, model):
    stream = client.responses.create(model=model, input=messages, stream=True, store=False)
    for event in stream:
        if event.type == "response.output_text.delta":
            yield event.delta


def stream(messages, model, use_responses_api):
    if use_responses_api:
        yield from _stream_responses(messages, model)
        return
    chunks = client.chat.completions.create(model=model, messages=messages, stream=True)
    for chunk in chunks:
        if chunk.choices and chunk.choices[0].delta.content:
            yield chunk.choices[0].delta.content
