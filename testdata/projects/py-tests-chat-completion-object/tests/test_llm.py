from unittest import mock

from openai.types.chat import ChatCompletion, ChatCompletionMessage
from openai.types.chat.chat_completion import Choice

from app import llm


def test_ask():
    reply = ChatCompletion(
        id="chatcmpl-1",
        object="chat.completion",
        created=0,
        model="gpt-4o-mini",
        choices=[
            Choice(
                index=0,
                finish_reason="stop",
                message=ChatCompletionMessage(role="assistant", content="Paris"),
            )
        ],
    )
    with mock.patch("app.llm.client.chat.completions.create", return_value=reply):
        assert llm.ask("Capital of France?") == "Paris"
