from myapp.store import Store

db = Store()


def cleanup(completion_id: str) -> None:
    db.chat.completions.delete(completion_id)
