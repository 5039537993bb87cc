from .settings import CHAT_PARAMS


def describe() -> str:
    # Reads the chat name of the limit: it must not change under this code.
    return f"{CHAT_PARAMS['model']}, up to {CHAT_PARAMS['max_tokens']} tokens"
