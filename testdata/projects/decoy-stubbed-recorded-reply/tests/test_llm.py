from pathlib import Path
from unittest import mock

from openai.types.chat import ChatCompletion

from app import llm

# A reply recorded from Chat Completions: a person records a Responses one.
REPLY = ChatCompletion.model_validate_json(Path(__file__).with_name("reply.json").read_text())


@mock.patch("app.llm.client.chat.completions.create")
def test_ask(create):
    create.return_value = REPLY
    assert llm.ask("Capital of France?") == "Paris"
