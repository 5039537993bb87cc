"""Support bot, moved to the Responses API by an agent: the shapes it kept from Chat Completions."""
import json

from openai import OpenAI

client = OpenAI()

TOOLS = [
    {
        "type": "function",
        "function": {
            "name": "lookup_order",
            "description": "Find an order by its number",
            "parameters": {
                "type": "object",
                "properties": {"number": {"type": "string"}},
                "required": ["number"],
            },
        },
    }
]

ANSWER_FORMAT = {
    "format": {
        "type": "json_schema",
        "json_schema": {
            "name": "answer",
            "schema": {
                "type": "object",
                "properties": {"reply": {"type": "string"}},
                "required": ["reply"],
            },
        },
    }
}


def lookup_order(number):
    return {"number": number, "status": "shipped"}


def answer(question):
    messages = [
        {"role": "system", "content": "You are a support agent."},
        {"role": "user", "content": question},
    ]
    response = client.responses.create(
        model="gpt-5.5",
        input=messages,
        tools=TOOLS,
        text=ANSWER_FORMAT,
        max_output_tokens=400,
        store=False,
    )
    messages += response.output
    for item in response.output:
        if item.type == "function_call":
            result = lookup_order(**json.loads(item.arguments))
            messages.append({"role": "tool", "tool_call_id": item.call_id, "content": json.dumps(result)})
    final = client.responses.create(
        model="gpt-5.5",
        input=messages,
        tools=TOOLS,
        text=ANSWER_FORMAT,
        max_output_tokens=400,
        store=False,
    )
    print(final.usage.prompt_tokens)
    return json.loads(final.output_text)["reply"]
