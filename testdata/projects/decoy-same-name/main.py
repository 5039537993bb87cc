import sys

sys.path.insert(0, "a")
from utils import ask

print(ask("hi").choices[0].message.content)
