# The reply's text compared with None in a way responsify does not rewrite: the request stays
# as it is, and the finding names the line (a rewritten read would make the branch dead).
from openai import OpenAI

client = OpenAI()


def reversed_test():
    r = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": "hi"}])
    content = r.choices[0].message.content
    if None is content:
        print("no text")
    return content


def membership():
    r = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": "hi"}])
    if r.choices[0].message.content in (None, "") or r.choices[0].message.content == None == False:
        print("no text")
