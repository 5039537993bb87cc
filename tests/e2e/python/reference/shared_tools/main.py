from weather.assistant import answer

print(answer("What's the weather in Paris and Tokyo?"))
