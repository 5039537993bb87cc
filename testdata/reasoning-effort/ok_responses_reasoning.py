from openai import OpenAI

client = OpenAI()

plan = client.responses.create(model="o4-mini", input="Plan a trip.", reasoning={"effort": "high"}, store=False)
print(plan.output_text)
