from openai import OpenAI

client = OpenAI()


def grade(questions: list[str]) -> int:
    results = []
    for question in questions:
        r = client.chat.completions.create(model="gpt-5.5", messages=[{"role": "user", "content": question}])
        results.append(r)
    return sum(r.usage.total_tokens for r in results)
