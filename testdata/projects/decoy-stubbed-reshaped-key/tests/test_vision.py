from unittest import mock

from app import vision


@mock.patch("app.vision.client.chat.completions.create")
def test_describe_sends_the_image(create):
    create.return_value = mock.MagicMock(
        choices=[mock.MagicMock(message=mock.MagicMock(content="A cat."))]
    )
    assert vision.describe("https://example.com/cat.png") == "A cat."
    parts = create.call_args.kwargs["messages"][0]["content"]
    assert parts[1]["image_url"]["url"] == "https://example.com/cat.png"
