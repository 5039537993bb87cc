from openai import OpenAI

client = OpenAI()

# Audio output has no Responses equivalent: the request stays on Chat Completions, and its
# model is shut down all the same.
reply = client.chat.completions.create(
    model="gpt-4o-audio-preview-2024-12-17",
    modalities=["text", "audio"],
    audio={"voice": "alloy", "format": "wav"},
    messages=[{"role": "user", "content": "Read the forecast aloud."}],
)
print(reply.choices[0].message.audio.transcript)
