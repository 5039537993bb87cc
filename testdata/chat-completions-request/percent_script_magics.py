# %%
%load_ext autoreload
%autoreload 2
!pip install openai \
    pandas

# %%
from openai import OpenAI

client = OpenAI()
r = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": "hi"}])
print(r.choices[0].message.content)
