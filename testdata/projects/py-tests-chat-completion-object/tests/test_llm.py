import unittest
from unittest import mock

from openai.types.chat import ChatCompletion, ChatCompletionMessage
from openai.types.chat.chat_completion import Choice

from app import llm


class AskTest(unittest.TestCase):
    def test_ask(self):
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
            self.assertEqual(llm.ask("Capital of France?"), "Paris")
