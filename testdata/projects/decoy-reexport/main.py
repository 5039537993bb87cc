from pkg import ask

print(ask("hi").choices[0].message.content)
