# Tests that answer the Chat Completions URL with HTTP mocks: stand-ins for the endpoint
# that change with the code they test. One note for the file, not a warning per URL.
import pytest
import respx
import responses


@pytest.fixture
def mocked_openai_chat(httpx_mock):
    httpx_mock.add_response(
        method="POST",
        url="https://api.openai.com/v1/chat/completions",
        json={"choices": [{"message": {"content": "Bob, Alice, Eve"}}]},
    )
    return httpx_mock


@respx.mock
def test_with_respx():
    respx.post("https://api.openai.com/v1/chat/completions").respond(json={"choices": []})


@responses.activate
def test_with_responses():
    responses.add(responses.POST, "https://api.openai.com/v1/chat/completions", json={})


def test_with_requests_mock(requests_mock):
    requests_mock.post("https://api.openai.com/v1/chat/completions", json={})
