from app.llm import ask


def capital(country):
    return ask(f"Capital of {country}?").choices[0].message.content
