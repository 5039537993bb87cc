CHAT_PARAMS = {
    "model": "gpt-4o-mini",
    "max_output_tokens": 200,  # room for a paragraph
    "temperature": 0.3,
}
