"""Its test: the call patched by name, a fake reply, the arguments asserted."""
import unittest
from unittest import mock

from shop import llm


class AskTest(unittest.TestCase):
    @mock.patch("shop.llm.client.responses.create")
    def test_ask(self, create):
        create.return_value = mock.MagicMock(output_text="Paris")
        self.assertEqual(llm.ask("Capital of France?"), "Paris")
        create.assert_called_once_with(
            model="gpt-4o-mini",
            input=[{"role": "user", "content": "Capital of France?"}],
            max_output_tokens=64,
            store=False,
        )
        self.assertEqual(create.call_args.kwargs["max_output_tokens"], 64)
