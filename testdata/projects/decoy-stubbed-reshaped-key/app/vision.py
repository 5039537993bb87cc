from openai import OpenAI

client = OpenAI()


def describe(url):
    resp = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[
            {
                "role": "user",
                "content": [
                    {"type": "text", "text": "Describe this image."},
                    {"type": "image_url", "image_url": {"url": url}},
                ],
            }
        ],
    )
    return resp.choices[0].message.content
