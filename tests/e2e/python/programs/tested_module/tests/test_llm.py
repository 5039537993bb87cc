"""Its test: the call patched by name, a fake reply, the arguments asserted."""
import unittest
from unittest import mock

from shop import llm


class AskTest(unittest.TestCase):
    @mock.patch("shop.llm.client.chat.completions.create")
    def test_ask(self, create):
        create.return_value = mock.MagicMock(
            choices=[mock.MagicMock(message=mock.MagicMock(content="Paris"))]
        )
        self.assertEqual(llm.ask("Capital of France?"), "Paris")
        create.assert_called_once_with(
            model="gpt-4o-mini",
            messages=[{"role": "user", "content": "Capital of France?"}],
            max_tokens=64,
        )
        self.assertEqual(create.call_args.kwargs["max_tokens"], 64)
