from openai import OpenAI

client = OpenAI()

# Written for Responses: the default (stored) may be what the author wants.
answer = client.responses.create(model="gpt-5.5", input="Summarise the release notes.")
print(answer.output_text)

# Background mode needs stored responses: nothing to say.
job = client.responses.create(model="gpt-5.5", input="Write the report.", background=True)
print(job.id)
