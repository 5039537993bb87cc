"""Tests that already stub the Responses API, and mocks of other methods."""
from unittest.mock import MagicMock, patch


def test_reply():
    fake = MagicMock()
    fake.responses.create.return_value = MagicMock(output_text="hello")
    fake.embeddings.create.return_value = MagicMock(data=[])
    with patch("app.llm.client.responses.create"):
        pass
    fake.responses.create.assert_called_once()
