from openai import OpenAI

client = OpenAI()

items = [{"role": "user", "content": "Plan the trip."}]
resp = client.responses.create(model="gpt-5-mini", input=items, store=False)
items += resp.output
items.append({"role": "user", "content": "Now make it shorter."})
again = client.responses.create(model="gpt-5-mini", input=items, store=False)
print(again.output_text)
