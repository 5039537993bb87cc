// The test stubs the chat method of the Groq client only: it does not reach `lib/llm`.
declare const jest: { spyOn(owner: object, method: string): unknown };
import { groq } from "../src/groq";

jest.spyOn(groq.chat.completions, "create");
