import requests

reply = requests.post(
    "https://api.openai.com/v1/responses",
    json={"model": "o4-mini", "input": "Name a colour.", "store": False},
).json()
texts = [part["text"] for item in reply["output"] if item["type"] == "message" for part in item["content"]]
print(texts[0], reply["output"][-1]["type"])
