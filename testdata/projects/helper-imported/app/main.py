from app.llm import ask


def answer(q):
    completion = ask(q)
    return completion.choices[0].message.content


print(answer("Capital of France?"))
print(ask("Capital of Spain?").usage.prompt_tokens)
