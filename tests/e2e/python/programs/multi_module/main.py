from assistant.llm import complete
from assistant.report import summarize


def main():
    answer = complete("What is the capital of France?")
    print("answer:", answer.choices[0].message.content)
    print("tokens:", answer.usage.prompt_tokens, answer.usage.completion_tokens)
    print("summary:", summarize("Paris is the capital and largest city of France."))


if __name__ == "__main__":
    main()
