from openai import OpenAI

client = OpenAI()
response = client.responses.create(model="gpt-5.5", input="Say hi", store=False)
print(response.output_text)
