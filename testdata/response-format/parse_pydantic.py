from pydantic import BaseModel
from openai import OpenAI


class Invoice(BaseModel):
    number: str
    total: float


client = OpenAI()
completion = client.chat.completions.parse(
    model="gpt-5.5",
    messages=[{"role": "user", "content": "Invoice 17, total 9.50"}],
    response_format=Invoice,
)
invoice = completion.choices[0].message.parsed
print(invoice.number, invoice.total)
