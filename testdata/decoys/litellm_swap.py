import litellm

resp = litellm.completion(model="claude-3", messages=[{"role": "user", "content": "hi"}])
print(resp.choices[0].message.content)
