import app.llm as llm

print(llm.ask("x").choices[0].message.content)
