from openai import OpenAI

client = OpenAI()
assistant = client.beta.assistants.create(model="gpt-4o", instructions="You grade essays.")
thread = client.beta.threads.create()
run = client.beta.threads.runs.create(thread_id=thread.id, assistant_id=assistant.id)
