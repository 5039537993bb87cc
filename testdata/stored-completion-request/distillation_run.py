from openai import OpenAI

client = OpenAI()

for question in ["What is 2 + 2?", "Name a prime number."]:
    # Collected in the dashboard's stored completions for distillation.
    completion = client.chat.completions.create(
        model="gpt-4o",
        messages=[{"role": "user", "content": question}],
        store=True,
        metadata={"run": "distill-1"},
    )
    print(completion.choices[0].message.content)
