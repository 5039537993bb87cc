from app.llm import stream_answer

for chunk in stream_answer("hi"):
    delta = chunk.choices[0].delta.content
    if delta:
        print(delta, end="")
