# Tests that replace the chat completions method with a stand-in: an assignment to it, and
# pytest's monkeypatch.setattr. Stubs, not methods handed on.
from unittest.mock import AsyncMock, patch

from app.llm import Assistant


@patch("app.llm.AsyncOpenAI")
async def test_reply(mock_client_class):
    fake = AsyncMock(return_value="hello")
    mock_client_class.return_value.chat.completions.create = fake
    assert await Assistant().reply("hi") == "hello"


def test_with_monkeypatch(monkeypatch):
    assistant = Assistant()
    monkeypatch.setattr(assistant.client.chat.completions, "create", lambda **kw: "hello")
    assert assistant.reply_sync("hi") == "hello"
