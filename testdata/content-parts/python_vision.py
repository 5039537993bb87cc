from openai import OpenAI

client = OpenAI()
url = "https://example.com/receipt.png"
resp = client.chat.completions.create(
    model="gpt-5.5",
    messages=[
        {
            "role": "user",
            "content": [
                {"type": "text", "text": "What is the total?"},
                {"type": "image_url", "image_url": {"url": url, "detail": "high"}},
            ],
        }
    ],
)
print(resp.choices[0].message.content)
