from assistant.llm import complete
from assistant.report import summarize


def main():
    answer = complete("What is the capital of France?")
    print("answer:", answer.output_text)
    print("tokens:", answer.usage.input_tokens, answer.usage.output_tokens)
    print("summary:", summarize("Paris is the capital and largest city of France."))


if __name__ == "__main__":
    main()
