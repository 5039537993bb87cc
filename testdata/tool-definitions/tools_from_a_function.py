# Tools built by a function responsify cannot read would reach responses.create in Chat
# form, which the API rejects: the request waits for a person.
from openai import OpenAI

from .tools import tool_schemas

client = OpenAI()
reply = client.chat.completions.create(
    model="gpt-4o-mini",
    messages=[{"role": "user", "content": "What's the weather?"}],
    tools=tool_schemas(),
    tool_choice=choice,
)
print(reply.choices[0].message.content)
