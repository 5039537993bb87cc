"""The tool definitions, kept apart from the code that sends them."""
TOOLS = [
    {
        "type": "function",
        "name": "get_weather",
        "description": "Current weather for one city.",
        "parameters": {
            "type": "object",
            "properties": {"city": {"type": "string", "description": "City name"}},
            "required": ["city"],
        },
        "strict": False
    }
]
