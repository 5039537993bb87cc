"""A structured-output format written in one module and sent by requests in another."""
from books.ask import summary, year_only

print(summary("Dune"))
print(year_only("Dune"))
