from openai import OpenAI

client = OpenAI()

reply = client.responses.create(model="gpt-5.5", input="Say yes or no.", logit_bias={"9642": 5}, store=False)
print(reply.output_text)
