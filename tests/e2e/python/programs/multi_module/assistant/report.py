from assistant import llm


def summarize(text):
    result = llm.complete("Summarize: " + text)
    words = result.choices[0].message.content.split()
    return len(words), result.usage.total_tokens
