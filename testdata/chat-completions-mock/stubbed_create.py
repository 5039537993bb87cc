"""Tests of a module that calls Chat Completions: they stub the method it calls."""
from unittest.mock import MagicMock, patch

import pytest

from app.llm import Assistant


@pytest.fixture
def client():
    fake = MagicMock()
    fake.chat.completions.create.return_value = MagicMock(
        choices=[MagicMock(message=MagicMock(content="hello"))]
    )
    return fake


def test_reply(client):
    assert Assistant(client).reply("hi") == "hello"
    client.chat.completions.create.assert_called_once_with(
        model="gpt-4o", messages=[{"role": "user", "content": "hi"}]
    )


@patch("app.llm.client.chat.completions.create")
def test_patched(create):
    create.return_value = MagicMock(choices=[MagicMock(message=MagicMock(content="x"))])
    assert Assistant().reply("hi") == "x"


def test_patched_object(client):
    with patch.object(client.chat.completions, "create", side_effect=RuntimeError):
        with pytest.raises(RuntimeError):
            Assistant(client).reply("hi")
