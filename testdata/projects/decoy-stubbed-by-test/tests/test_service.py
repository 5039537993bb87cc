from types import SimpleNamespace
from unittest import mock

from app import service


def completion(text):
    message = SimpleNamespace(content=text)
    return SimpleNamespace(choices=[SimpleNamespace(message=message)])


@mock.patch("app.llm.client.chat.completions.create")
def test_capital(create):
    create.return_value = completion("Paris")
    assert service.capital("France") == "Paris"
    assert create.call_args.kwargs["messages"][0]["content"] == "Capital of France?"
