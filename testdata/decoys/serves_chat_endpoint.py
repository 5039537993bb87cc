# An OpenAI-compatible server: it serves the Chat Completions path, it does not call it.
from fastapi import FastAPI

app = FastAPI()


@app.post("/v1/chat/completions")
async def chat_completions(body: dict):
    return {"choices": []}


def route(path):
    match path:
        case "/v1/chat/completions":
            return "chat"
    return None


app.add_api_route("/chat/completions", chat_completions, methods=["POST"])
