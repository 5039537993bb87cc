from langchain.chat_models import ChatOpenAI
from langchain.schema import HumanMessage

llm = ChatOpenAI(model_name="gpt-4o", temperature=0)
print(llm([HumanMessage(content="Hello")]).content)
