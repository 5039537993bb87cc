class ChatOpenAI:
    """A test double with the same method names as the SDK."""

    class chat:
        class completions:
            @staticmethod
            def create(**kwargs):
                return {"echo": kwargs}


fake = ChatOpenAI()
print(fake.chat.completions.create(model="none", messages=[]))
