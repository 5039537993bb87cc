from . import chat
from .chat import _complete as complete


def main():
    reply = complete("Capital of France?")
    print(reply.choices[0].message.content)  # the answer
    usage = chat._complete("Capital of Spain?").usage
    print(usage.prompt_tokens, usage.completion_tokens)
