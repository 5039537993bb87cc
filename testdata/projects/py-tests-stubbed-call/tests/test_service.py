import unittest
from types import SimpleNamespace
from unittest import mock

from app import llm, service


class CapitalTest(unittest.TestCase):
    @mock.patch("app.llm.client.chat.completions.create")
    def test_capital(self, create):
        create.return_value = SimpleNamespace(
            choices=[SimpleNamespace(message=SimpleNamespace(content="Paris"))]
        )
        self.assertEqual(service.capital("France"), "Paris")
        create.assert_called_once_with(
            model="gpt-4o-mini",
            messages=[{"role": "user", "content": "Capital of France?"}],
            max_tokens=50,
        )
        self.assertEqual(create.call_args.kwargs["max_tokens"], 50)
        self.assertEqual(create.call_args[1]["messages"][0]["content"], "Capital of France?")

    def test_with_block(self):
        fake = mock.MagicMock(choices=[mock.MagicMock(message=mock.MagicMock(content="Rome"))])
        with mock.patch.object(llm.client.chat.completions, "create", return_value=fake) as create:
            self.assertEqual(service.capital("Italy"), "Rome")
        self.assertEqual(create.call_count, 1)

    @mock.patch("app.llm.client.chat.completions.create")
    def test_ask_reads_the_reply(self, create):
        # The test reads the result itself: its read moves with the call too.
        create.return_value = mock.MagicMock(
            choices=[mock.MagicMock(message=mock.MagicMock(content="Madrid"))]
        )
        self.assertEqual(llm.ask("Capital of Spain?").choices[0].message.content, "Madrid")


class CapitalSetUpTest(unittest.TestCase):
    def setUp(self):
        patcher = mock.patch("app.llm.client.chat.completions.create")
        self.create = patcher.start()
        self.addCleanup(patcher.stop)
        self.create.return_value = mock.MagicMock(
            choices=[mock.MagicMock(message=mock.MagicMock(content="Lisbon"))]
        )

    def test_capital(self):
        self.assertEqual(service.capital("Portugal"), "Lisbon")
        self.create.assert_called_once_with(
            model="gpt-4o-mini",
            messages=[{"role": "user", "content": "Capital of Portugal?"}],
            max_tokens=50,
        )


if __name__ == "__main__":
    unittest.main()
