import unittest
from types import SimpleNamespace
from unittest.mock import MagicMock, patch

from app import summarize


class SummarizeTest(unittest.TestCase):
    def test_summary(self):
        mock_client = MagicMock()
        mock_client.chat.completions.create.return_value = MagicMock(
            choices=[MagicMock(message=MagicMock(content="  short  "))]
        )
        with patch("app.summarize.client", mock_client):
            self.assertEqual(summarize.summarize("a long text"), "short")
        mock_client.chat.completions.create.assert_called_once_with(
            model="gpt-4o-mini",
            messages=[
                {"role": "system", "content": "Summarize in one line."},
                {"role": "user", "content": "a long text"},
            ],
            temperature=0,
        )

    @patch("app.summarize.client")
    def test_errors_propagate(self, client):
        client.chat.completions.create.side_effect = RuntimeError("down")
        with self.assertRaises(RuntimeError):
            summarize.summarize("x")
        self.assertTrue(client.chat.completions.create.called)

    def test_two_replies(self):
        replies = [
            MagicMock(choices=[MagicMock(message=MagicMock(content="one"))]),
            MagicMock(choices=[MagicMock(message=MagicMock(content="two"))]),
        ]
        with patch("app.summarize.client.chat.completions.create", side_effect=replies) as create:
            self.assertEqual(summarize.summarize("a"), "one")
            self.assertEqual(summarize.summarize("b"), "two")
        self.assertEqual(create.call_args.kwargs["messages"][1]["content"], "b")


def test_with_mocker(mocker):
    # pytest-mock's fixture (unittest does not collect a module-level function).
    create = mocker.patch("app.summarize.client.chat.completions.create")
    create.return_value = SimpleNamespace(
        choices=[SimpleNamespace(message=SimpleNamespace(content="ok"))]
    )
    assert summarize.summarize("x") == "ok"
    assert create.call_args.kwargs["model"] == "gpt-4o-mini"
    create.assert_called_once()
