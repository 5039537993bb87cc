"""Model settings shared by every request of the app."""

CHAT_PARAMS = {
    "model": "gpt-4o-mini",
    "max_tokens": 300,  # long enough for a summary
    "temperature": 0.2,
}
