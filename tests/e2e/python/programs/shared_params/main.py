"""Model settings written once in a module and splatted into requests in two others."""
from notes.summary import summarize
from notes.titles import title_for

text = "A hash map stores key-value pairs and finds each value by hashing its key."
print(summarize(text))
print(title_for(text))
