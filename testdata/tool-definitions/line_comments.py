from openai import OpenAI

client = OpenAI()
TOOLS = [
    {
        "type": "function",
        "function": {
            "name": "lookup",  # the name the model calls
            "description": (
                "Look up an order by its number. "
                "Use it whenever the user names an order."
            ),  # shown to the model
            "parameters": {"type": "object", "properties": {}}  # no arguments yet
        }
    }
]
resp = client.chat.completions.create(
    model="gpt-4.1",
    messages=[{"role": "user", "content": "hi"}],  # one turn
    tools=TOOLS  # the list above
)
print(resp.choices[0].message.content)
