from app.llm import ask
from app.store import save


def run(question):
    completion = ask(question)
    save(completion)
