import httpx
import requests

URL = "https://api.openai.com/v1/responses"

r = requests.post(URL, json={"model": "gpt-5-mini", "input": "Name a colour.", "store": False})
print(r.json()["output"][0]["content"][0]["text"])

data = httpx.post(URL, json={"model": "o4-mini", "input": "Name a shape.", "store": False}).json()
print(data["output"][0]["content"][0]["text"])
print(data["output"][0]["type"])
