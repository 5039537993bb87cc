import app

# Reaches the helper through the package's attribute: `app.llm.ask`.
print(app.llm.ask("hi").choices[0].message.content)
