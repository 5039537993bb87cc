def ask(question):
    return {"choices": [{"message": {"content": question.upper()}}]}
