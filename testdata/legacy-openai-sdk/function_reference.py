# The openai < 1.0 API handed to a retry helper rather than called: still the old API.
import openai
from tenacity import retry, stop_after_attempt


@retry(stop=stop_after_attempt(3))
def with_retries(method, **kwargs):
    return method(**kwargs)


reply = with_retries(openai.ChatCompletion.create, model="gpt-3.5-turbo", messages=[{"role": "user", "content": "Hi"}])
print(reply["choices"][0]["message"]["content"])
later = with_retries(openai.ChatCompletion.acreate, model="gpt-3.5-turbo", messages=[])
