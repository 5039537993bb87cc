from openai import OpenAI

client = OpenAI()


def request_sample(prompt, model="gpt-4o"):
    res = client.chat.completions.create(model=model, messages=[{"role": "user", "content": prompt}])
    return res.choices[0].message.content


print(request_sample("draft a case"))
print(request_sample("draft another", model="o1-preview"))


# Handed to an executor with the model for it.
import concurrent.futures

with concurrent.futures.ThreadPoolExecutor() as pool:
    pending = pool.submit(request_sample, "draft a third", model="o1-mini")
