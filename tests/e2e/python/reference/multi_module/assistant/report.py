from assistant import llm


def summarize(text):
    result = llm.complete("Summarize: " + text)
    words = result.output_text.split()
    return len(words), result.usage.total_tokens
