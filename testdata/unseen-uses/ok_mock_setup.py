from unittest.mock import Mock


def test_reply_is_read(mock_openai_client: Mock) -> None:
    reply = Mock()
    reply.choices = [Mock(message=Mock(content="fine"))]
    mock_openai_client.chat.completions.create.return_value = reply
    mock_openai_client.chat.completions.create.assert_not_called()
