# Messages spliced into the list that the unit sees: dict literals, a name assigned one, an
# insert of a literal, and the reply itself (which `reply-append` rewrites). Fixed as usual.
from openai import OpenAI

client = OpenAI()


def chat(question):
    system = {"role": "system", "content": "Be brief."}
    messages = [system]
    messages.insert(0, {"role": "developer", "content": "Answer in English."})
    messages.extend([{"role": "user", "content": question}])
    messages += [{"role": "user", "content": "Thanks."}]
    response = client.chat.completions.create(model="gpt-4o-mini", messages=messages)
    messages.append(response.choices[0].message)
    followup = {"role": "user", "content": "And again?"}
    messages.append(followup)
    again = client.chat.completions.create(model="gpt-4o-mini", messages=messages)
    return again.choices[0].message.content
