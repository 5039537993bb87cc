"""Request options assembled in a dict (as config-driven code does), then splatted into create()."""
from openai import OpenAI

CONFIG = {"model": "gpt-4o-mini", "temperature": 0.7, "max_tokens": 60}


def build_params(prompt, config):
    params = {
        "model": config["model"],
        "input": [
            {"role": "system", "content": "You are a playful naming assistant."},
            {"role": "user", "content": prompt},
        ],
        "temperature": config["temperature"],
        "store": False,
    }
    if config.get("max_tokens"):
        params["max_output_tokens"] = config["max_tokens"]
    return params


client = OpenAI()
params = build_params("Suggest a name for a pet turtle.", CONFIG)
response = client.responses.create(**params)
print(response.output_text)
print("model:", params["model"], "| temperature:", params["temperature"])
